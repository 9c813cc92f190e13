package org.triggerhappy.camel.notes;

/**
 * The fast path of {@link UrlPolicy}: a URL already in the form resolution would give is taken as it is, without
 * URL parsing, IDN or the URI check.
 */
final class CanonicalUrls {

    private CanonicalUrls() {
    }

    /**
     * Whether {@code raw} is an absolute http(s) URL that resolution would return unchanged: lower-case scheme and
     * ASCII host name, no user-info, a port without leading zeros, a path, and only characters that need no
     * encoding. Most links and images of an article are such, and skip URL parsing, IDN and the URI check.
     */
    static boolean isAlreadyCanonical(String raw) {
        int i = raw.startsWith("https://") ? 8 : raw.startsWith("http://") ? 7 : -1;
        if (i < 0) {
            return false;
        }
        int n = raw.length();
        int labelStart = i;
        boolean letterFirst = false;
        for (; i < n; i++) { // host: labels of [a-z0-9-], alphanumeric at both ends, the last one starting with a letter
            char c = raw.charAt(i);
            if (c == '.' || c == ':' || c == '/') {
                if (i == labelStart || i - labelStart > 63 || raw.charAt(i - 1) == '-') {
                    return false;
                }
                letterFirst = raw.charAt(labelStart) >= 'a' && raw.charAt(labelStart) <= 'z';
                if (c != '.') {
                    break;
                }
                labelStart = i + 1;
            } else if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' && i > labelStart)) {
                return false;
            }
        }
        if (i == n || !letterFirst && !isDottedQuad(raw.substring(raw.indexOf("//") + 2, i))) {
            return false;
        }
        if (raw.charAt(i) == ':') {
            int portStart = ++i;
            while (i < n && raw.charAt(i) >= '0' && raw.charAt(i) <= '9') {
                i++;
            }
            if (i == portStart || i - portStart > 5 || raw.charAt(portStart) == '0' || i == n) {
                return false;
            }
        }
        if (raw.charAt(i) != '/') {
            return false;
        }
        boolean fragment = false;
        for (; i < n; i++) {
            char c = raw.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "\"<>\\^`{|}[]".indexOf(c) >= 0) {
                return false;
            }
            if (c == '%' && !(i + 2 < n && isHex(raw.charAt(i + 1)) && isHex(raw.charAt(i + 2)))) {
                return false;
            }
            if (c == '#') {
                if (fragment) {
                    return false;
                }
                fragment = true;
            }
        }
        return true;
    }

    /** 127.0.0.1: four decimal numbers up to 255 without leading zeros. */
    private static boolean isDottedQuad(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || p.length() > 1 && p.charAt(0) == '0' || !p.chars().allMatch(
                    Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}

package org.triggerhappy.camel.entries;

import java.nio.charset.StandardCharsets;

/** Byte-level checks before parsing; only for ASCII-compatible encodings (UTF-16 passes through untouched). */
final class FeedPrelude {

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private FeedPrelude() {
    }

    /** Drops a UTF-8 BOM, whitespace and comments before {@code <?xml}, which XML forbids but feeds contain. */
    static byte[] stripBeforeDeclaration(byte[] b) {
        int start = startsWith(b, 0, UTF8_BOM) ? 3 : 0;
        int i = skipWhitespaceAndComments(b, start);
        if (i > start && startsWithIgnoreCase(b, i, "<?xml")) {
            byte[] stripped = new byte[b.length - i];
            System.arraycopy(b, i, stripped, 0, stripped.length);
            return stripped;
        }
        return b;
    }

    /** An HTML page: an HTML doctype or an {@code <html>} root right after the prolog. */
    static boolean looksLikeHtml(byte[] b) {
        int i = startsWith(b, 0, UTF8_BOM) ? 3 : 0;
        i = skipWhitespaceAndComments(b, i);
        if (startsWithIgnoreCase(b, i, "<?xml")) {
            int end = indexOf(b, i, "?>");
            if (end < 0) {
                return false;
            }
            i = skipWhitespaceAndComments(b, end + 2);
        }
        return startsWithIgnoreCase(b, i, "<!doctype html") || startsWithIgnoreCase(b, i, "<html");
    }

    /** A JSON document (JSON Feed, an API error): starts with '{' or '['. */
    static boolean looksLikeJson(byte[] b) {
        int i = skipWhitespaceAndComments(b, startsWith(b, 0, UTF8_BOM) ? 3 : 0);
        return i < b.length && (b[i] == '{' || b[i] == '[');
    }

    private static int skipWhitespaceAndComments(byte[] b, int from) {
        int i = from;
        while (i < b.length) {
            byte c = b[i];
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                i++;
            } else if (startsWith(b, i, "<!--".getBytes(StandardCharsets.US_ASCII))) {
                int end = indexOf(b, i + 4, "-->");
                if (end < 0) {
                    return i;
                }
                i = end + 3;
            } else {
                return i;
            }
        }
        return i;
    }

    private static int indexOf(byte[] b, int from, String ascii) {
        byte[] needle = ascii.getBytes(StandardCharsets.US_ASCII);
        for (int i = from; i <= b.length - needle.length; i++) {
            if (startsWith(b, i, needle)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] b, int at, byte[] prefix) {
        if (at + prefix.length > b.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (b[at + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWithIgnoreCase(byte[] b, int at, String ascii) {
        if (at + ascii.length() > b.length) {
            return false;
        }
        for (int k = 0; k < ascii.length(); k++) {
            if (Character.toLowerCase((char) (b[at + k] & 0xFF)) != ascii.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}

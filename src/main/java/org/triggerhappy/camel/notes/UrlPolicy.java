package org.triggerhappy.camel.notes;

import java.net.IDN;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which URLs may appear in ENML: Evernote rejects a note whose {@code a@href} is not a valid absolute URL, so links
 * are resolved against the entry's URL, re-encoded to plain ASCII, and kept only for http, https (and mailto for
 * links).
 */
final class UrlPolicy {

    static final Set<String> LINK_SCHEMES = Set.of("http", "https", "mailto");
    static final Set<String> IMAGE_SCHEMES = Set.of("http", "https");

    private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):");
    private static final Pattern TABS_AND_NEWLINES = Pattern.compile("[\\t\\n\\r]");
    private static final String HEX = "0123456789ABCDEF";

    private UrlPolicy() {
    }

    /** Absolute, ASCII-only form of a link, or null when it is unusable or of another scheme. */
    static String link(String raw, String baseUrl) {
        return resolve(raw, baseUrl, LINK_SCHEMES);
    }

    /** Absolute http(s) form of an image source, or null. */
    static String image(String raw, String baseUrl) {
        return resolve(raw, baseUrl, IMAGE_SCHEMES);
    }

    /** The check the validator applies to every {@code a@href} (Evernote: "Invalid a href attribute"). */
    static boolean isAbsoluteLink(String href) {
        if (href == null || href.isEmpty()) {
            return false;
        }
        for (int i = 0; i < href.length(); i++) {
            char c = href.charAt(i);
            if (c <= 0x20 || c == 0x7f) {
                return false;
            }
        }
        try {
            URI uri = new URI(href);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (scheme.equals("mailto")) {
                return uri.getSchemeSpecificPart() != null && !uri.getSchemeSpecificPart().isEmpty();
            }
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && !uri.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String resolve(String raw, String baseUrl, Set<String> schemes) {
        if (raw == null) {
            return null;
        }
        if (CanonicalUrls.isAlreadyCanonical(raw)) {
            return raw;
        }
        return resolveSlowly(raw, baseUrl, schemes);
    }

    /** The full resolution, for every URL {@link CanonicalUrls#isAlreadyCanonical} does not vouch for. */
    static String resolveSlowly(String raw, String baseUrl, Set<String> schemes) {
        // Browsers ignore surrounding blanks/controls and tabs or line breaks inside a URL.
        String cleaned = TABS_AND_NEWLINES.matcher(stripControls(raw)).replaceAll("");
        if (cleaned.isEmpty()) {
            return null;
        }
        var scheme = SCHEME.matcher(cleaned);
        String result;
        if (scheme.find()) {
            String name = scheme.group(1).toLowerCase(Locale.ROOT);
            if (!schemes.contains(name)) {
                return null;
            }
            result = name.equals("mailto") ? mailto(cleaned.substring(scheme.end())) : hierarchical(cleaned, null);
        } else {
            result = hierarchical(cleaned, baseUrl);
        }
        return result != null && isAbsoluteLink(result) ? result : null;
    }

    private static String mailto(String address) {
        String encoded = encode(address);
        return encoded.isEmpty() ? null : "mailto:" + encoded;
    }

    private static String hierarchical(String spec, String baseUrl) {
        try {
            URL context = null;
            if (baseUrl != null && !baseUrl.isBlank()) {
                URL base = new URL(baseUrl.strip());
                if (IMAGE_SCHEMES.contains(base.getProtocol().toLowerCase(Locale.ROOT))) {
                    context = base;
                }
            }
            if (context == null && spec.startsWith("//")) {
                spec = "https:" + spec; // protocol-relative without a base: assume https
            }
            URL url = context == null ? new URL(spec) : new URL(context, spec);
            String protocol = url.getProtocol().toLowerCase(Locale.ROOT);
            if (!IMAGE_SCHEMES.contains(protocol) || url.getHost() == null || url.getHost().isEmpty()) {
                return null;
            }
            StringBuilder out = new StringBuilder(spec.length() + 16).append(protocol).append("://");
            if (url.getUserInfo() != null) {
                out.append(encode(url.getUserInfo())).append('@');
            }
            out.append(asciiHost(url.getHost()));
            if (url.getPort() >= 0) {
                out.append(':').append(url.getPort());
            }
            out.append(url.getPath().isEmpty() ? "/" : encode(url.getPath()));
            if (url.getQuery() != null) {
                out.append('?').append(encode(url.getQuery()));
            }
            if (url.getRef() != null) {
                out.append('#').append(encode(url.getRef()).replace("#", "%23"));
            }
            return out.toString();
        } catch (MalformedURLException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String asciiHost(String host) {
        if (host.startsWith("[")) {
            return host; // IPv6 literal
        }
        return IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    }

    /** Percent-encodes what java.net.URI refuses (blanks, controls, non-ASCII, {@code "<>\^`{|}[]}) and stray %. */
    private static String encode(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int len = Character.charCount(cp);
            if (cp == '%' && i + 2 < s.length() && CanonicalUrls.isHex(s.charAt(i + 1))
                    && CanonicalUrls.isHex(s.charAt(i + 2))) {
                out.append('%');
            } else if (cp <= 0x20 || cp >= 0x7f || "\"<>\\^`{|}[]%".indexOf(cp) >= 0) {
                if (Character.isSurrogate((char) cp)) {
                    i += len; // lone surrogate: no UTF-8 form, drop it
                    continue;
                }
                for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(HEX.charAt((b >> 4) & 0xf)).append(HEX.charAt(b & 0xf));
                }
            } else {
                out.appendCodePoint(cp);
            }
            i += len;
        }
        return out.toString();
    }

    private static String stripControls(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) <= 0x20) {
            start++;
        }
        while (end > start && s.charAt(end - 1) <= 0x20) {
            end--;
        }
        return s.substring(start, end);
    }
}

package org.triggerhappy.camel.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one rule for showing a URL anywhere (logs, error texts and result columns, the status page, the CLI, note
 * footers): scheme, host, port and path stay; user-info and every query value are replaced by {@value #MASK}; the
 * fragment is dropped. Private feeds carry their key in exactly those parts ({@code https://user:pass@…},
 * {@code ?apikey=…}, {@code ?token=…}), and so do JDBC URLs ({@code ?password=…}).
 *
 * <p>Works on the text, not on {@link java.net.URI}, so URLs java.net.URI refuses (spaces, multi-host JDBC URLs)
 * are masked as well.
 */
public final class Masked {
    public static final String MASK = "…";
    /** A URL inside free text: scheme:// up to white space or a quote/bracket that ends it in prose. */
    private static final Pattern URL_IN_TEXT = Pattern.compile("[A-Za-z][A-Za-z0-9+.\\-]*(?::[A-Za-z0-9+.\\-]+)*://[^\\s\"'<>`]+");
    /** A password=… parameter outside a URL (a JDBC property list, a driver's message). */
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password|passwd|pwd|token|secret|apikey|api_key)=([^\\s&;,\"']+)");

    private Masked() {
    }

    /** The URL as it may be shown; "" for null. */
    public static String url(String url) {
        if (url == null) {
            return "";
        }
        String s = url.strip();
        int fragment = s.indexOf('#');
        if (fragment >= 0) {
            s = s.substring(0, fragment);
        }
        int q = s.indexOf('?');
        String beforeQuery = q < 0 ? s : s.substring(0, q);
        String query = q < 0 ? null : s.substring(q + 1);
        StringBuilder b = new StringBuilder(s.length());
        b.append(withoutUserInfo(beforeQuery));
        if (query != null) {
            b.append('?').append(maskQuery(query));
        }
        return b.toString();
    }

    /** Free text (an error message, a description) with every URL in it masked, and any password=… parameter. */
    public static String text(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = URL_IN_TEXT.matcher(text);
        StringBuilder b = new StringBuilder(text.length());
        int last = 0;
        while (m.find()) {
            // Punctuation that ends a sentence or a bracket is no part of the URL.
            String u = m.group();
            int end = u.length();
            while (end > 0 && ".,;:!?)]}".indexOf(u.charAt(end - 1)) >= 0) {
                end--;
            }
            b.append(passwords(text.substring(last, m.start()))).append(url(u.substring(0, end)))
                    .append(u, end, u.length());
            last = m.end();
        }
        return b.append(passwords(text.substring(last))).toString();
    }

    /**
     * A copy of the exception, its causes and suppressed ones with masked messages and the same stack traces, for
     * logging a stack trace whose messages may quote a URL.
     */
    public static Throwable exception(Throwable t) {
        return t == null ? null : copy(t, 0);
    }

    private static Throwable copy(Throwable t, int depth) {
        MaskedThrowable c = new MaskedThrowable(t.getClass().getName() + ": " + text(t.getMessage()));
        c.setStackTrace(t.getStackTrace());
        if (depth < 20 && t.getCause() != null && t.getCause() != t) {
            c.initCause(copy(t.getCause(), depth + 1));
        }
        if (depth < 20) {
            for (Throwable s : t.getSuppressed()) {
                c.addSuppressed(copy(s, depth + 1));
            }
        }
        return c;
    }

    private static String withoutUserInfo(String s) {
        int sep = s.indexOf("://");
        int authorityStart = sep < 0 ? 0 : sep + 3;
        int authorityEnd = s.indexOf('/', authorityStart);
        if (authorityEnd < 0) {
            authorityEnd = s.length();
        }
        int at = s.lastIndexOf('@', authorityEnd - 1);
        if (at < authorityStart) {
            return s;
        }
        return s.substring(0, authorityStart) + MASK + s.substring(at);
    }

    private static String maskQuery(String query) {
        StringBuilder b = new StringBuilder(query.length());
        for (String part : query.split("[&;]", -1)) {
            if (b.length() > 0) {
                b.append('&');
            }
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            // A bare value (?SECRET) is masked too: there is no name to keep.
            b.append(eq < 0 ? MASK : part.substring(0, eq) + "=" + MASK);
        }
        return b.toString();
    }

    private static String passwords(String s) {
        return s.indexOf('=') < 0 ? s : PASSWORD_PARAM.matcher(s).replaceAll("$1=" + MASK);
    }

    /** Prints as the original exception's class and masked message. */
    private static final class MaskedThrowable extends Exception {
        private static final long serialVersionUID = 1L;

        MaskedThrowable(String message) {
            super(message);
        }

        @Override
        public String toString() {
            return getMessage();
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}

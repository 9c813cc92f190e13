package org.triggerhappy.camel.articles;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes a fetched HTML page. The charset comes from, in this order: a byte-order mark, the Content-Type
 * header, a {@code <meta charset>} or {@code <meta http-equiv="Content-Type">} in the first bytes; else UTF-8.
 * Malformed bytes become U+FFFD rather than an error.
 */
public final class PageDecoder {

    /** Browsers look for the meta charset in the first 1024 bytes; some pages put it later, within the head. */
    private static final int META_SCAN_BYTES = 8192;
    private static final Pattern HEADER_CHARSET =
            Pattern.compile("charset\\s*=\\s*[\"']?([^\\s;\"',]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern META_CHARSET =
            Pattern.compile("<meta\\b[^>]*?charset\\s*=\\s*[\"']?([\\w.:-]+)", Pattern.CASE_INSENSITIVE);

    private PageDecoder() {
    }

    public static String decode(byte[] body, String contentTypeHeader) {
        if (body == null || body.length == 0) {
            return "";
        }
        int[] bomLength = new int[1];
        Charset charset = fromBom(body, bomLength);
        if (charset == null) {
            charset = fromHeader(contentTypeHeader);
        }
        if (charset == null) {
            charset = fromMeta(body);
        }
        if (charset == null) {
            charset = StandardCharsets.UTF_8;
        }
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(body, bomLength[0], body.length - bomLength[0]))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder threw", e);
        }
    }

    private static Charset fromBom(byte[] b, int[] length) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            length[0] = 3;
            return StandardCharsets.UTF_8;
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
            length[0] = 2;
            return StandardCharsets.UTF_16BE;
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
            length[0] = 2;
            return StandardCharsets.UTF_16LE;
        }
        return null;
    }

    private static Charset fromHeader(String contentType) {
        if (contentType == null) {
            return null;
        }
        Matcher m = HEADER_CHARSET.matcher(contentType);
        return m.find() ? charset(m.group(1)) : null;
    }

    private static Charset fromMeta(byte[] body) {
        // ASCII-compatible encodings agree on the bytes of the <meta> tag itself
        String head = new String(body, 0, Math.min(body.length, META_SCAN_BYTES), StandardCharsets.ISO_8859_1);
        Matcher m = META_CHARSET.matcher(head);
        if (!m.find()) {
            return null;
        }
        Charset charset = charset(m.group(1));
        // a page that was decoded to reach this tag cannot be UTF-16 (WHATWG: treat as UTF-8)
        return charset != null && charset.name().startsWith("UTF-16") ? StandardCharsets.UTF_8 : charset;
    }

    private static Charset charset(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        // WHATWG: latin1 labels mean windows-1252, which is a superset of it for the bytes pages really use
        if (n.equals("iso-8859-1") || n.equals("latin1") || n.equals("us-ascii") || n.equals("ascii")) {
            n = "windows-1252";
        }
        try {
            return Charset.forName(n);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

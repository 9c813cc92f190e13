package org.triggerhappy.camel.notes;

import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An image stored inside a note (Evernote Resource, ENEX {@code <resource>}); the note's ENML shows it with
 * {@code <en-media type="mime" hash="md5Hex"/>}.
 *
 * @param data      the image bytes
 * @param md5Hex    lower-case hex MD5 of {@code data}, the en-media hash
 * @param mime      image/gif, image/jpeg or image/png, decided from the bytes
 * @param sourceUrl the URL the image was downloaded from (EDAM-valid attribute) or null
 * @param fileName  a file name with the extension of the real type
 * @param width     natural width in pixels from the image header, or null
 * @param height    natural height in pixels from the image header, or null
 */
public record NoteResource(byte[] data, String md5Hex, String mime, String sourceUrl, String fileName, Integer width,
                           Integer height) {

    private static final int FILE_NAME_MAX_CODE_POINTS = 100;

    public NoteResource {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(md5Hex, "md5Hex");
        Objects.requireNonNull(mime, "mime");
    }

    /** A resource for downloaded image bytes of a known type. */
    public static NoteResource image(byte[] data, ImageType.Info info, String url) {
        return new NoteResource(data, md5Hex(data), info.type().mime(), EdamNames.sourceUrl(url),
                fileName(url, info.type()), info.width(), info.height());
    }

    /** The raw MD5 digest (Evernote's Data.bodyHash). */
    public byte[] md5() {
        return HexFormat.of().parseHex(md5Hex);
    }

    public static String md5Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    /** The last path segment of the URL without its extension, made safe, plus the extension of the real type. */
    static String fileName(String url, ImageType type) {
        String segment = "";
        try {
            String path = url == null ? null : URI.create(url).getPath();
            if (path != null) {
                segment = path.substring(path.lastIndexOf('/') + 1);
            }
        } catch (IllegalArgumentException e) {
            // not a URI we can read a name from: the generic name below
        }
        int dot = segment.lastIndexOf('.');
        String stem = dot > 0 ? segment.substring(0, dot) : segment;
        StringBuilder safe = new StringBuilder();
        stem.codePoints().limit(FILE_NAME_MAX_CODE_POINTS).forEach(cp -> safe.appendCodePoint(
                Character.isLetterOrDigit(cp) || cp == '-' || cp == '_' || cp == '.' ? cp : '_'));
        String name = safe.toString().replaceAll("^[._]+|[._]+$", "");
        return (name.isEmpty() ? "image" : name) + "." + type.extension();
    }

    // Records compare arrays by identity; compare the bytes through their hash instead.
    @Override
    public boolean equals(Object o) {
        return o instanceof NoteResource r && r.md5Hex.equals(md5Hex) && Arrays.equals(r.data, data)
                && r.mime.equals(mime) && Objects.equals(r.sourceUrl, sourceUrl)
                && Objects.equals(r.fileName, fileName) && Objects.equals(r.width, width)
                && Objects.equals(r.height, height);
    }

    @Override
    public int hashCode() {
        return Objects.hash(md5Hex, mime, sourceUrl, fileName, width, height);
    }

    @Override
    public String toString() {
        return "NoteResource[" + mime + ", " + data.length + " bytes, md5=" + md5Hex + ", fileName=" + fileName
                + ", " + width + "x" + height + "]";
    }
}

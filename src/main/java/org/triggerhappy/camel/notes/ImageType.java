package org.triggerhappy.camel.notes;

import java.util.Optional;

/**
 * The image types Evernote shows inline (GIF, JPEG, PNG), recognised from the bytes alone: a file name or a
 * Content-Type header says nothing about what a server really sent. Width and height come from the headers when
 * they are where the format puts them (PNG IHDR, GIF screen descriptor, JPEG start-of-frame).
 */
public enum ImageType {
    GIF("image/gif", "gif"),
    JPEG("image/jpeg", "jpg"),
    PNG("image/png", "png");

    /** What the bytes are, with the natural size when the header gives it (else null). */
    public record Info(ImageType type, Integer width, Integer height) {
    }

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    /** Segments scanned for a JPEG frame header before giving up on the size (the type is known by then). */
    private static final int JPEG_MAX_SEGMENTS = 256;

    private final String mime;
    private final String extension;

    ImageType(String mime, String extension) {
        this.mime = mime;
        this.extension = extension;
    }

    public String mime() {
        return mime;
    }

    public String extension() {
        return extension;
    }

    /** The type of {@code bytes}, or empty when they are not GIF, JPEG or PNG. */
    public static Optional<Info> detect(byte[] bytes) {
        if (bytes == null) {
            return Optional.empty();
        }
        if (startsWith(bytes, PNG_MAGIC)) {
            boolean ihdr = bytes.length >= 24 && bytes[12] == 'I' && bytes[13] == 'H' && bytes[14] == 'D'
                    && bytes[15] == 'R';
            return Optional.of(ihdr ? new Info(PNG, positive(int32(bytes, 16)), positive(int32(bytes, 20)))
                    : new Info(PNG, null, null));
        }
        if (bytes.length >= 6 && bytes[0] == 'G' && bytes[1] == 'I' && bytes[2] == 'F' && bytes[3] == '8'
                && (bytes[4] == '7' || bytes[4] == '9') && bytes[5] == 'a') {
            return Optional.of(bytes.length >= 10
                    ? new Info(GIF, positive(uint16le(bytes, 6)), positive(uint16le(bytes, 8)))
                    : new Info(GIF, null, null));
        }
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
            return Optional.of(jpeg(bytes));
        }
        return Optional.empty();
    }

    private static Info jpeg(byte[] b) {
        int i = 2;
        for (int segments = 0; segments < JPEG_MAX_SEGMENTS && i + 3 < b.length; segments++) {
            if ((b[i] & 0xFF) != 0xFF) {
                break; // not at a marker: corrupt or entropy-coded data, size unknown
            }
            int marker = b[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++; // fill byte
                continue;
            }
            if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD9) {
                i += 2; // markers without a length
                continue;
            }
            int length = uint16be(b, i + 2);
            if (isStartOfFrame(marker) && i + 8 < b.length) {
                return new Info(JPEG, positive(uint16be(b, i + 7)), positive(uint16be(b, i + 5)));
            }
            if (length < 2) {
                break;
            }
            i += 2 + length;
        }
        return new Info(JPEG, null, null);
    }

    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static long int32(byte[] b, int at) {
        return ((long) (b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    private static int uint16le(byte[] b, int at) {
        return (b[at] & 0xFF) | ((b[at + 1] & 0xFF) << 8);
    }

    private static int uint16be(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    /** Null for sizes a header may not claim (zero, or beyond what any viewer handles). */
    private static Integer positive(long value) {
        return value > 0 && value <= Integer.MAX_VALUE ? (int) value : null;
    }
}

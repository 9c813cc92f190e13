package org.triggerhappy.camel.notes;

import java.util.Arrays;
import java.util.Objects;

/**
 * The body of a downloaded image, as the server sent it (its type is decided later, from the bytes).
 *
 * @param data        the body
 * @param finalUrl    the URL after redirects
 * @param contentType the Content-Type header or null; informative only, never trusted for the type
 */
public record FetchedImage(byte[] data, String finalUrl, String contentType) {
    public FetchedImage {
        Objects.requireNonNull(data, "data");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FetchedImage f && Arrays.equals(f.data, data)
                && Objects.equals(f.finalUrl, finalUrl) && Objects.equals(f.contentType, contentType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(data), finalUrl, contentType);
    }

    @Override
    public String toString() {
        return "FetchedImage[" + data.length + " bytes, contentType=" + contentType + "]";
    }
}

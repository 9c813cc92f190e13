package org.triggerhappy.camel.notes;

import java.util.Optional;

/**
 * Downloads one image for embedding. Implementations apply the fetch guards (address policy, timeouts, size cap) and
 * never throw: any failure is an empty result, and the image then stays a remote {@code <img>}.
 */
@FunctionalInterface
public interface ImageSource {

    /** No downloads at all: every image stays remote. */
    ImageSource NONE = url -> Optional.empty();

    Optional<FetchedImage> get(String url);
}

package org.triggerhappy.camel.notes;

import java.util.Map;

/** Decides, while the ENML is written, whether an {@code <img>} becomes an {@code <en-media>} of a resource. */
@FunctionalInterface
interface InlineImages {

    /** Every image stays a remote {@code <img>}. */
    InlineImages REMOTE = (src, attributes) -> null;

    /**
     * @param src        the image's absolute http(s) URL, as the ENML would carry it
     * @param attributes the ENML attributes kept for the image (alt, width, height, …)
     * @return the resource to show instead, or null to keep the remote image
     */
    NoteResource resourceFor(String src, Map<String, String> attributes);
}

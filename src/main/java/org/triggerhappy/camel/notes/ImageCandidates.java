package org.triggerhappy.camel.notes;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * First pass over a note: records the distinct image URLs the ENML shows, in document order, up to a cap, and keeps
 * every image remote. Images declared 1×1 (or smaller) are tracking pixels and are not worth a download.
 */
final class ImageCandidates implements InlineImages {

    private final int max;
    private final Set<String> urls = new LinkedHashSet<>();

    ImageCandidates(int max) {
        this.max = max;
    }

    @Override
    public NoteResource resourceFor(String src, Map<String, String> attributes) {
        if (urls.size() < max && !isTrackingPixel(attributes)) {
            urls.add(src);
        }
        return null;
    }

    List<String> urls() {
        return new ArrayList<>(urls);
    }

    static boolean isTrackingPixel(Map<String, String> attributes) {
        return atMostOnePixel(attributes.get("width")) && atMostOnePixel(attributes.get("height"));
    }

    static boolean isTrackingPixel(Integer width, Integer height) {
        return width != null && height != null && width <= 1 && height <= 1;
    }

    private static boolean atMostOnePixel(String value) {
        if (value == null) {
            return false;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.endsWith("px")) {
            v = v.substring(0, v.length() - 2).strip();
        }
        return v.equals("0") || v.equals("1");
    }
}

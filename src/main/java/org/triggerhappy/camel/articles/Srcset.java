package org.triggerhappy.camel.articles;

/** Picks one URL out of a {@code srcset} attribute. */
final class Srcset {

    private Srcset() {
    }

    /**
     * The candidate whose width is the smallest at least {@code preferredWidth}, else the widest; density
     * descriptors ({@code 2x}) count as multiples of a nominal 500 px. Null when the attribute has no URL.
     */
    static String pick(String srcset, int preferredWidth) {
        if (srcset == null || srcset.isBlank()) {
            return null;
        }
        String best = null;
        double bestWidth = -1;
        String atLeast = null;
        double atLeastWidth = Double.MAX_VALUE;
        // candidates are separated by commas followed by whitespace; URLs themselves may hold commas
        for (String candidate : srcset.strip().split(",\\s+")) {
            String[] parts = candidate.strip().split("\\s+");
            if (parts.length == 0 || parts[0].isEmpty()) {
                continue;
            }
            double width = parts.length > 1 ? width(parts[1]) : 500;
            if (width > bestWidth) {
                best = parts[0];
                bestWidth = width;
            }
            if (width >= preferredWidth && width < atLeastWidth) {
                atLeast = parts[0];
                atLeastWidth = width;
            }
        }
        return atLeast != null ? atLeast : best;
    }

    private static double width(String descriptor) {
        try {
            String d = descriptor.toLowerCase(java.util.Locale.ROOT);
            if (d.endsWith("w")) {
                return Double.parseDouble(d.substring(0, d.length() - 1));
            }
            if (d.endsWith("x")) {
                return 500 * Double.parseDouble(d.substring(0, d.length() - 1));
            }
        } catch (NumberFormatException e) {
            // an unreadable descriptor ranks like a plain URL
        }
        return 500;
    }
}

package org.triggerhappy.camel.config;

/**
 * What goes into a note besides the feed's own content: the whole article and its images. These are the defaults;
 * a trigger may have its own (thc_trigger_settings).
 *
 * @param fullContent   TH_FULL_CONTENT
 * @param images        TH_IMAGES
 * @param imageMaxBytes TH_IMAGE_MAX_BYTES: an image larger than this stays a remote image
 * @param crossFeedDedup TH_CROSS_FEED_DEDUP: an article two triggers of a user carry into one notebook makes one note
 */
public record ContentSettings(FullContentMode fullContent, ImageMode images, long imageMaxBytes,
                              boolean crossFeedDedup) {

    public static ContentSettings load(ConfigSource c) {
        FullContentMode full = FullContentMode.parse("TH_FULL_CONTENT", c.get(Setting.FULL_CONTENT));
        ImageMode images = ImageMode.parse("TH_IMAGES", c.get(Setting.IMAGES));
        String max = c.get(Setting.IMAGE_MAX_BYTES);
        long bytes;
        try {
            bytes = Long.parseLong(max.strip());
        } catch (NumberFormatException e) {
            bytes = -1;
        }
        if (bytes <= 0) {
            throw new ConfigException("TH_IMAGE_MAX_BYTES=" + max + " must be a positive whole number of bytes");
        }
        String dedup = c.get(Setting.CROSS_FEED_DEDUP).strip().toLowerCase(java.util.Locale.ROOT);
        if (!dedup.equals("true") && !dedup.equals("false")) {
            throw new ConfigException("TH_CROSS_FEED_DEDUP=" + dedup + " must be true or false");
        }
        return new ContentSettings(full, images, bytes, dedup.equals("true"));
    }
}

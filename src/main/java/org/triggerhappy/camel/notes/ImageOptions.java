package org.triggerhappy.camel.notes;

/**
 * How a note treats its images.
 *
 * @param embed         true: download the note's images and store them in the note; false: keep remote images
 * @param maxTotalBytes what the account may still upload (ENML plus images); {@code Long.MAX_VALUE} when unknown.
 *                      A note with images that would not fit keeps remote images and says so
 *                      ({@link NoteDraft#imagesOverBudget()}).
 */
public record ImageOptions(boolean embed, long maxTotalBytes) {

    /** Remote images only (today's behaviour, TH_IMAGES=link). */
    public static final ImageOptions LINK = new ImageOptions(false, 0);

    public ImageOptions {
        if (maxTotalBytes < 0) {
            throw new IllegalArgumentException("maxTotalBytes must not be negative, was " + maxTotalBytes);
        }
    }

    /** Embed within what the account may still upload. */
    public static ImageOptions embed(long maxTotalBytes) {
        return new ImageOptions(true, maxTotalBytes);
    }
}

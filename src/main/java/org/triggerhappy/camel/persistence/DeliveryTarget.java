package org.triggerhappy.camel.persistence;

import org.triggerhappy.camel.config.ImageMode;
import org.triggerhappy.camel.config.Masked;

/**
 * Where and how one trigger's notes are written, read fresh from django-th's tables for each delivery so that a
 * changed notebook, tag list or renewed token applies at once.
 *
 * @param token    the Evernote token of the trigger's consumer UserService row; never log it
 * @param notebook django_th_evernote.notebook ('' = default notebook)
 * @param tags     django_th_evernote.tag, comma separated ('' = none)
 * @param images    the trigger's own image mode (thc_trigger_settings), null for TH_IMAGES
 * @param feedTitle the feed's title as last read (thc_feed_state), null when it has none
 */
public record DeliveryTarget(int triggerId, int userId, int consumerServiceId, String token, String notebook,
                             String tags, String description, ImageMode images, String feedTitle) {

    public DeliveryTarget(int triggerId, int userId, int consumerServiceId, String token, String notebook,
                          String tags, String description) {
        this(triggerId, userId, consumerServiceId, token, notebook, tags, description, null, null);
    }

    /** The same target with the feed's title as just read (a preview reads the feed itself). */
    public DeliveryTarget withFeedTitle(String title) {
        return new DeliveryTarget(triggerId, userId, consumerServiceId, token, notebook, tags, description, images,
                title);
    }

    /** How a note's footer names the feed: its title, else its URL with any secret masked. */
    public String feedLabel(String feedUrl) {
        return feedTitle != null && !feedTitle.isBlank() ? feedTitle.strip() : Masked.url(feedUrl);
    }

    @Override
    public String toString() {
        // Records print every component; the token must not reach a log line by accident.
        return "DeliveryTarget[triggerId=" + triggerId + ", userId=" + userId + ", notebook=" + notebook + ", tags=" + tags + "]";
    }
}

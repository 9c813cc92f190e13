package org.triggerhappy.camel.config;

import java.util.Locale;

/**
 * When the linked page is fetched to put the whole article in the note (TH_FULL_CONTENT, per trigger with
 * {@code triggers set ID --full-content}).
 */
public enum FullContentMode {
    /** Only when the feed's text is short or empty: a teaser feed gets its articles, a full-text feed costs nothing. */
    AUTO,
    /** For every new entry. */
    ALWAYS,
    /** The feed's content only. */
    NEVER;

    /** Entries whose text (HTML stripped) is shorter than this count as teasers in {@link #AUTO} mode. */
    public static final int TEASER_CHARS = 500;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @param what names the setting in the error, e.g. "TH_FULL_CONTENT" or "--full-content" */
    public static FullContentMode parse(String what, String value) {
        return Modes.parse(FullContentMode.class, what, value);
    }
}

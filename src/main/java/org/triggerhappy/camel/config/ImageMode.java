package org.triggerhappy.camel.config;

import java.util.Locale;

/** What happens to a note's images (TH_IMAGES, per trigger with {@code triggers set ID --images}). */
public enum ImageMode {
    /** Downloaded and stored in the note as Evernote resources: the note keeps them when the site goes away. */
    EMBED,
    /** Left as remote images (nothing counts against the user's upload allowance). */
    LINK;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ImageMode parse(String what, String value) {
        return Modes.parse(ImageMode.class, what, value);
    }
}

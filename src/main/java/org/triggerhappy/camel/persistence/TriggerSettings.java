package org.triggerhappy.camel.persistence;

import java.time.Duration;
import java.util.List;
import org.triggerhappy.camel.config.FullContentMode;
import org.triggerhappy.camel.config.ImageMode;

/**
 * A trigger's own settings (thc_trigger_settings), each null when the trigger uses the service's default.
 *
 * @param pollInterval how often its feed is checked
 * @param fullContent  when the linked page is fetched for the whole article
 * @param selector     CSS selector of the article on the linked page (instead of automatic extraction)
 * @param images       whether images are embedded in the note
 * @param keepRules    keep rules ({@code FIELD=REGEX}), empty for none
 * @param blockRules   block rules, empty for none
 * @param titleTemplate the note title template, null for the entry's own title
 */
public record TriggerSettings(Duration pollInterval, FullContentMode fullContent, String selector, ImageMode images,
                              List<String> keepRules, List<String> blockRules, String titleTemplate) {

    public static final TriggerSettings DEFAULTS = new TriggerSettings(null, null, null, null);

    public TriggerSettings {
        keepRules = keepRules == null ? List.of() : List.copyOf(keepRules);
        blockRules = blockRules == null ? List.of() : List.copyOf(blockRules);
    }

    public TriggerSettings(Duration pollInterval, FullContentMode fullContent, String selector, ImageMode images) {
        this(pollInterval, fullContent, selector, images, null, null, null);
    }

    static FullContentMode fullContent(String column) {
        return column == null ? null : FullContentMode.parse("full_content", column);
    }

    static ImageMode images(String column) {
        return column == null ? null : ImageMode.parse("images", column);
    }

    /**
     * A text[] column (keep_rules, block_rules) as a list; NULL is no rules. Queries select it as
     * {@code to_json(column)::text}: a JSON array survives any driver and pool, a java.sql.Array needs its connection.
     */
    static List<String> rules(Object column) {
        if (!(column instanceof String json)) {
            return List.of();
        }
        try {
            return List.of(JSON.readValue(json, String[].class));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a trigger's rules are not a JSON array of strings", e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    static Duration interval(Object seconds) {
        return seconds instanceof Number n ? Duration.ofSeconds(n.longValue()) : null;
    }
}

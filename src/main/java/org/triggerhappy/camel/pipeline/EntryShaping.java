package org.triggerhappy.camel.pipeline;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import org.triggerhappy.camel.entries.EntryRules;
import org.triggerhappy.camel.entries.FeedEntry;
import org.triggerhappy.camel.entries.ParsedFeed;
import org.triggerhappy.camel.notes.NoteTitles;
import org.triggerhappy.camel.notes.TitleTemplate;
import org.triggerhappy.camel.persistence.TriggerRow;

/**
 * What a trigger's own rules make of its new entries in one poll: which are filtered out (keep/block rules) and
 * which title the others' notes get (title template). Built once per poll from the trigger's row.
 */
final class EntryShaping {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final EntryRules rules;
    private final TitleTemplate template;
    private final Map<String, String> common = new HashMap<>();
    private final ZoneId zone;

    private EntryShaping(EntryRules rules, TitleTemplate template, ZoneId zone) {
        this.rules = rules;
        this.template = template;
        this.zone = zone;
    }

    /**
     * @throws IllegalArgumentException when a stored rule or template is invalid (written past the CLI)
     */
    static EntryShaping of(TriggerRow t, ParsedFeed feed, ZoneId zone) {
        EntryRules rules = EntryRules.parse(t.keepRules(), t.blockRules());
        TitleTemplate template = t.titleTemplate() == null ? null : TitleTemplate.parse(t.titleTemplate());
        EntryShaping s = new EntryShaping(rules, template, zone);
        if (template != null) {
            s.common.put("feed", NoteTitles.text(feed.title()));
            s.common.put("trigger", t.description() == null ? "" : t.description().strip());
        }
        return s;
    }

    EntryRules.Verdict judge(FeedEntry e) {
        return rules.judge(e);
    }

    /** The title stored for the entry's note: the template's, else the feed's own. */
    String title(FeedEntry e) {
        if (template == null) {
            return e.title();
        }
        Map<String, String> values = new HashMap<>(common);
        values.put("title", NoteTitles.text(e.title()));
        values.put("author", e.author() == null ? "" : e.author());
        values.put("date", e.published() == null ? "" : DATE.format(e.published().atZone(zone)));
        return template.render(values);
    }
}

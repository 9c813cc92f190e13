package org.triggerhappy.camel.pipeline;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.triggerhappy.camel.config.Masked;
import org.triggerhappy.camel.entries.EntryRules;
import org.triggerhappy.camel.entries.FeedEntry;
import org.triggerhappy.camel.entries.ParsedFeed;
import org.triggerhappy.camel.notes.NoteTitles;
import org.triggerhappy.camel.notes.TitleTemplate;
import org.triggerhappy.camel.persistence.Trigger;

/**
 * What a trigger's own rules make of its new entries in one poll: which are filtered out (keep/block rules) and
 * which title the others' notes get (title template). Built once per poll from the trigger's row.
 */
final class EntryShaping {
    private static final Logger LOG = LoggerFactory.getLogger(EntryShaping.class);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    /**
     * Rules that ran out of time this often in one poll are not evaluated for its other entries (kept): each
     * timeout costs {@link EntryRules#ENTRY_BUDGET}, and a big first poll must not hold a fetch thread for minutes.
     */
    static final int TIMEOUTS_PER_POLL = 3;

    private final EntryRules rules;
    private final TitleTemplate template;
    private final Map<String, String> common = new HashMap<>();
    private final ZoneId zone;
    private final int triggerId;
    private int timeouts;

    private EntryShaping(EntryRules rules, TitleTemplate template, ZoneId zone, int triggerId) {
        this.rules = rules;
        this.template = template;
        this.zone = zone;
        this.triggerId = triggerId;
    }

    /**
     * @throws IllegalArgumentException when a stored rule or template is invalid (written past the CLI)
     */
    static EntryShaping of(Trigger t, ParsedFeed feed, ZoneId zone) {
        EntryRules rules = EntryRules.parse(t.keepRules(), t.blockRules());
        TitleTemplate template = t.titleTemplate() == null ? null : TitleTemplate.parse(t.titleTemplate());
        EntryShaping s = new EntryShaping(rules, template, zone, t.triggerId());
        if (template != null) {
            s.common.put("feed", NoteTitles.text(feed.title()));
            s.common.put("trigger", t.description() == null ? "" : t.description().strip());
        }
        return s;
    }

    /** The trigger's keep/block rules let the entry through; a rule that ran out of time lets it through too. */
    boolean keeps(FeedEntry e) {
        return judge(e).kept();
    }

    /** What the trigger's rules say of the entry, with the rule that removed it (or ran out of time). */
    EntryRules.Verdict judge(FeedEntry e) {
        if (timeouts >= TIMEOUTS_PER_POLL) {
            return EntryRules.Verdict.KEPT;
        }
        EntryRules.Verdict v = rules.judge(e);
        if (v.timedOut()) {
            timeouts++;
            LOG.warn("entry rule ran out of time, entry kept trigger_id={} rule=\"{}\" link={}{}", triggerId,
                    Masked.text(v.rule().text()), Masked.url(String.valueOf(e.link())),
                    timeouts == TIMEOUTS_PER_POLL ? " (rules skipped for the rest of this poll: entries kept)" : "");
        }
        return v;
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

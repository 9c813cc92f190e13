package org.triggerhappy.camel.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.triggerhappy.camel.config.FullContentMode;
import org.triggerhappy.camel.config.Masked;
import org.triggerhappy.camel.persistence.OutboxRepository;
import org.triggerhappy.camel.persistence.Trigger;

/**
 * The poll route's step between a feed's new entries and {@code seda:entries}: an entry whose feed carries only a
 * teaser (or every entry, as the trigger's mode says) gets the whole article of its linked page, so the note and
 * every flow receive it. Only new entries come here, so an entry costs at most one page fetch. When the page cannot
 * be had, or yields less text than the feed, the entry keeps the feed's content and one log line says why. The choice
 * is {@link ArticleChoice}'s; this class stores the articles on the entries' outbox rows and releases them.
 */
public final class FullArticles {
    private static final Logger LOG = LoggerFactory.getLogger(FullArticles.class);

    private final ArticleChoice choice;
    private final ArticlePages pages;
    private final OutboxRepository outbox;

    public FullArticles(FullContentPolicy policy, ArticlePages pages, OutboxRepository outbox) {
        this.choice = new ArticleChoice(policy, pages);
        this.pages = pages;
        this.outbox = outbox;
    }

    /** Called by the poll route with the new entries of one trigger's feed (EntryMessage maps). */
    public List<Map<String, Object>> enrich(List<Map<String, Object>> entries, DueTrigger due) {
        if (entries == null || entries.isEmpty()) {
            return entries;
        }
        Trigger t = due.trigger();
        if (choice.modeFor(t) == FullContentMode.NEVER) {
            return entries;
        }
        List<ArticleChoice.Entry> asked = new ArrayList<>(entries.size());
        entries.forEach(m -> asked.add(new ArticleChoice.Entry((String) m.get("link"), (String) m.get("content"))));
        List<ArticleChoice.Choice> chosen = choice.choose(t, asked);
        Map<Long, String> replaced = new HashMap<>();
        int pagesAsked = 0;
        for (int i = 0; i < entries.size(); i++) {
            Map<String, Object> m = entries.get(i);
            ArticleChoice.Choice c = chosen.get(i);
            if (c.asked()) {
                pagesAsked++;
            }
            if (c.article() != null) {
                m.put("content", c.article());
                replaced.put(EntryMessage.outboxId(m), c.article());
            } else if (c.whyNot() != null) {
                LOG.info("full article not used, the note keeps the feed's content trigger_id={} outbox_id={} link={}"
                        + " reason=\"{}\"", t.triggerId(), m.get(EntryMessage.OUTBOX_ID),
                        Masked.url((String) m.get("link")), Masked.text(c.whyNot()));
            }
        }
        List<Long> ids = new ArrayList<>(entries.size());
        entries.forEach(m -> ids.add(EntryMessage.outboxId(m)));
        try {
            outbox.releaseForDelivery(ids, replaced);
        } catch (RuntimeException e) {
            // The rows keep the feed's content and become due when their hold ends; the notes are not lost.
            LOG.warn("full articles not stored, the entries are delivered with the feed's content trigger_id={}"
                    + " entries={} error=\"{}\"", t.triggerId(), ids.size(), e.getMessage());
            return entries;
        }
        if (pagesAsked > 0) {
            LOG.debug("full articles trigger_id={} asked={} used={}", t.triggerId(), pagesAsked, replaced.size());
        }
        return entries;
    }

    /** Called when the poll cycle ends: pages fetched in it are not reused by the next one. */
    public void cycleDone() {
        pages.forget();
    }
}

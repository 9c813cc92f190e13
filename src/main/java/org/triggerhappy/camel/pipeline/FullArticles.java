package org.triggerhappy.camel.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.triggerhappy.camel.articles.Article;
import org.triggerhappy.camel.config.FullContentMode;
import org.triggerhappy.camel.config.Masked;
import org.triggerhappy.camel.persistence.OutboxRepository;
import org.triggerhappy.camel.persistence.TriggerRow;

/**
 * The poll route's step between a feed's new entries and {@code seda:entries}: an entry whose feed carries only a
 * teaser (or every entry, as the trigger's mode says) gets the whole article of its linked page, so the note and
 * every flow receive it. Only new entries come here, so an entry costs at most one page fetch. When the page cannot
 * be had, or yields less text than the feed, the entry keeps the feed's content and one log line says why.
 */
public final class FullArticles {
    private static final Logger LOG = LoggerFactory.getLogger(FullArticles.class);

    private final FullContentPolicy policy;
    private final ArticlePages pages;
    private final OutboxRepository outbox;

    public FullArticles(FullContentPolicy policy, ArticlePages pages, OutboxRepository outbox) {
        this.policy = policy;
        this.pages = pages;
        this.outbox = outbox;
    }

    /** Called by the poll route with the new entries of one trigger's feed (EntryMessage maps). */
    public List<Map<String, Object>> enrich(List<Map<String, Object>> entries, DueTrigger due) {
        if (entries == null || entries.isEmpty()) {
            return entries;
        }
        TriggerRow t = due.row();
        FullContentMode mode = policy.modeFor(t);
        if (mode == FullContentMode.NEVER) {
            return entries;
        }
        Map<Map<String, Object>, Asked> asked = new HashMap<>();
        for (Map<String, Object> m : entries) {
            String link = (String) m.get("link");
            if (!isWebLink(link) || mode == FullContentMode.NEVER) {
                continue;
            }
            int feedText = FullContentPolicy.textLength((String) m.get("content"));
            if (FullContentPolicy.wants(mode, feedText)) {
                asked.put(m, new Asked(pages.article(link, t.selector()), feedText));
            }
        }
        Map<Long, String> replaced = new HashMap<>();
        for (Map<String, Object> m : entries) {
            Asked a = asked.get(m);
            if (a != null) {
                use(t, m, a.page().join(), a.feedText()).ifPresent(html -> {
                    m.put("content", html);
                    replaced.put(EntryMessage.outboxId(m), html);
                });
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
        if (!asked.isEmpty()) {
            LOG.debug("full articles trigger_id={} asked={} used={}", t.triggerId(), asked.size(), replaced.size());
        }
        return entries;
    }

    /** Called when the poll cycle ends: pages fetched in it are not reused by the next one. */
    public void cycleDone() {
        pages.forget();
    }

    /** A page asked for, and the text length of the feed's content it has to beat. */
    private record Asked(CompletableFuture<ArticlePages.Outcome> page, int feedText) {
    }

    private java.util.Optional<String> use(TriggerRow t, Map<String, Object> m, ArticlePages.Outcome outcome,
                                           int feedText) {
        Object outboxId = m.get(EntryMessage.OUTBOX_ID);
        if (outcome.found().isEmpty()) {
            LOG.info("full article not used, the note keeps the feed's content trigger_id={} outbox_id={} link={}"
                    + " reason=\"{}\"", t.triggerId(), outboxId, Masked.url((String) m.get("link")),
                    Masked.text(outcome.failure()));
            return java.util.Optional.empty();
        }
        Article a = outcome.article();
        if (a.textLength() <= feedText) {
            LOG.info("full article not used, the note keeps the feed's content trigger_id={} outbox_id={} link={}"
                    + " reason=\"the page's article has less text than the feed ({} < {} characters)\"",
                    t.triggerId(), outboxId, Masked.url((String) m.get("link")), a.textLength(), feedText);
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(a.html());
    }

    private static boolean isWebLink(String link) {
        return link != null && (link.startsWith("http://") || link.startsWith("https://"));
    }
}

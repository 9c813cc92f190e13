package org.triggerhappy.camel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triggerhappy.camel.persistence.TriggerSettingsRepository;
import org.triggerhappy.camel.persistence.TriggerSettingsRepository.Column;
import org.triggerhappy.camel.testsupport.ArticlePage;
import org.triggerhappy.camel.testsupport.FakeEvernote.StoredNote;
import org.triggerhappy.camel.testsupport.Rss;
import org.triggerhappy.camel.testsupport.ServiceFixture;

/**
 * Teaser feeds become whole-article notes through the real routes: pages served on loopback, real PostgreSQL, the
 * real SDK against the local Evernote.
 */
class FullArticlesPipelineTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final LocalDate TWO_DAYS_AGO = LocalDate.ofInstant(NOW, ZoneOffset.UTC).minusDays(2);

    @TempDir
    Path dataDir;
    ServiceFixture f;
    int alice;
    int bob;

    @BeforeEach
    void setUp() throws Exception {
        f = new ServiceFixture(dataDir, false);
        f.set("th.full.content", "auto");
        alice = f.addEvernoteUser("alice");
        bob = f.addEvernoteUser("bob");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private String page(String path, String id) {
        return f.feeds.put(path, ArticlePage.html(id, "Story " + id, null), "text/html; charset=utf-8");
    }

    private static Instant ago(long hours) {
        return NOW.minus(hours, ChronoUnit.HOURS);
    }

    private static StoredNote titled(List<StoredNote> notes, String title) {
        return notes.stream().filter(n -> n.title().equals(title)).findFirst().orElseThrow();
    }

    @Test
    void a_teaser_feed_gets_the_whole_article_without_the_page_around_it() throws Exception {
        String l1 = page("/news/1", "one");
        String l2 = page("/news/2", "two");
        f.admin.addTrigger(alice, "teasers", f.feeds.put("/teasers.xml", Rss.feed()
                .item("t1", "Story one", l1, ago(1), "<p>A short teaser.</p>")
                .item("t2", "Story two", l2, ago(2), "Another teaser &amp; a link")
                .xml()), "", "", TWO_DAYS_AGO);

        f.runOnce();

        List<StoredNote> notes = f.evernote.notes("tok-alice");
        assertThat(notes).hasSize(2);
        String one = titled(notes, "Story one").content();
        assertThat(one).contains(ArticlePage.sentence("one", 1)).contains(ArticlePage.sentence("one", 8))
                .doesNotContain("A short teaser");
        for (String b : ArticlePage.BOILERPLATE) {
            assertThat(one).as("boilerplate '%s' stays out of the note", b).doesNotContain(b);
        }
        assertThat(titled(notes, "Story two").content()).contains(ArticlePage.sentence("two", 5));
        assertThat(one).as("the footer names the feed by its title").contains("Provided by <em>Test feed</em>");
        assertThat(f.feeds.requests("/news/1")).isEqualTo(1);
        // The outbox row held the article until the note was written; a delivered row keeps no content.
        assertThat(one).contains(ArticlePage.sentence("one", 3));
        assertThat(f.queryInt("SELECT count(*) FROM thc_outbox o WHERE link = '" + l1 + "' AND state = 'delivered'"
                + " AND NOT EXISTS (SELECT 1 FROM thc_outbox_payload b WHERE b.outbox_id = o.id)")).isEqualTo(1);

        // Already-seen entries never cost a page fetch again.
        f.feeds.put("/teasers.xml", Rss.feed()
                .item("t1", "Story one", l1, ago(1), "<p>A short teaser.</p>")
                .item("t2", "Story two", l2, ago(2), "Another teaser &amp; a link")
                .item("t3", "Story three", page("/news/3", "three"), ago(0), "<p>Third.</p>")
                .xml());
        f.runOnce();
        assertThat(f.evernote.notes("tok-alice")).hasSize(3);
        assertThat(f.feeds.requests("/news/1")).isEqualTo(1);
        assertThat(f.feeds.requests("/news/3")).isEqualTo(1);
    }

    @Test
    void full_text_feeds_never_mode_and_broken_pages_keep_the_feeds_content() throws Exception {
        String longText = "<p>" + ArticlePage.sentence("feed", 1).repeat(8) + "</p>";
        f.admin.addTrigger(alice, "full text", f.feeds.put("/full.xml", Rss.feed()
                .item("f1", "Full in feed", page("/full/1", "full1"), ago(1), longText).xml()), "", "", TWO_DAYS_AGO);
        int never = f.admin.addTrigger(alice, "never", f.feeds.put("/never.xml", Rss.feed()
                .item("n1", "Teaser kept", page("/never/1", "never1"), ago(1), "<p>Only a teaser.</p>").xml()),
                "", "", TWO_DAYS_AGO);
        Map<Column, Object> own = new EnumMap<>(Column.class);
        own.put(Column.FULL_CONTENT, "never");
        new TriggerSettingsRepository(f.ds).update(never, own);
        f.admin.addTrigger(alice, "broken", f.feeds.put("/broken.xml", Rss.feed()
                .item("b1", "Missing page", f.feeds.url("/gone/1"), ago(1), "<p>Teaser of a gone page.</p>")
                .item("b2", "Not a page", f.feeds.put("/file.pdf", "%PDF-1.4".getBytes(), "application/pdf"),
                        ago(1), "<p>Teaser of a PDF.</p>")
                .xml()), "", "", TWO_DAYS_AGO);

        f.runOnce();

        List<StoredNote> notes = f.evernote.notes("tok-alice");
        assertThat(notes).hasSize(4);
        assertThat(titled(notes, "Full in feed").content()).contains(ArticlePage.sentence("feed", 1));
        assertThat(f.feeds.requests("/full/1")).as("a full-text entry costs no page fetch in auto mode").isZero();
        assertThat(titled(notes, "Teaser kept").content()).contains("Only a teaser.");
        assertThat(f.feeds.requests("/never/1")).isZero();
        assertThat(titled(notes, "Missing page").content()).contains("Teaser of a gone page.");
        assertThat(titled(notes, "Not a page").content()).contains("Teaser of a PDF.");
        assertThat(f.queryInt("SELECT count(*) FROM thc_outbox WHERE state <> 'delivered'")).isZero();
    }

    @Test
    void a_link_shared_by_several_triggers_is_fetched_once_per_cycle() throws Exception {
        String shared = page("/shared/1", "shared");
        f.admin.addTrigger(alice, "a", f.feeds.put("/a.xml", Rss.feed()
                .item("s", "Shared story", shared, ago(1), "<p>Teaser A.</p>").xml()), "", "", TWO_DAYS_AGO);
        f.admin.addTrigger(bob, "b", f.feeds.put("/b.xml", Rss.feed()
                .item("s", "Shared story", shared, ago(1), "<p>Teaser B.</p>").xml()), "", "", TWO_DAYS_AGO);

        f.runOnce();

        assertThat(f.feeds.requests("/shared/1")).isEqualTo(1);
        assertThat(f.evernote.notes("tok-alice")).singleElement()
                .satisfies(n -> assertThat(n.content()).contains(ArticlePage.sentence("shared", 2)));
        assertThat(f.evernote.notes("tok-bob")).singleElement()
                .satisfies(n -> assertThat(n.content()).contains(ArticlePage.sentence("shared", 2)));
    }
}

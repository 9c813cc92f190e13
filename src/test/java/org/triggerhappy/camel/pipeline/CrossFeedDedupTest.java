package org.triggerhappy.camel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triggerhappy.camel.persistence.ArticleClaimRepository;
import org.triggerhappy.camel.service.OnceSummary;
import org.triggerhappy.camel.testsupport.FakeEvernote.StoredNote;
import org.triggerhappy.camel.testsupport.LogCapture;
import org.triggerhappy.camel.testsupport.Rss;
import org.triggerhappy.camel.testsupport.ServiceFixture;

/** One note per article and notebook across a user's triggers, through the real routes and database. */
class CrossFeedDedupTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final LocalDate YESTERDAY = LocalDate.ofInstant(NOW, ZoneOffset.UTC).minusDays(1);

    @TempDir
    Path dataDir;
    ServiceFixture f;
    int alice;
    int bob;

    @BeforeEach
    void setUp() throws Exception {
        f = new ServiceFixture(dataDir, false);
        f.evernote.addAccount("tok-alice", "alice");
        f.evernote.addAccount("tok-bob", "bob");
        alice = f.admin.addUser("alice", "a@example.org");
        bob = f.admin.addUser("bob", "b@example.org");
        f.admin.setEvernoteToken(alice, "tok-alice");
        f.admin.setEvernoteToken(bob, "tok-bob");
        Instant hourAgo = NOW.minus(1, ChronoUnit.HOURS);
        // The same article through three feeds: a newsletter adds tracking parameters, a planet a fragment.
        String news = f.feeds.put("/news", Rss.feed()
                .item("n1", "Camel 4.18", "http://example.org/camel-4-18?id=1", hourAgo, "<p>from news</p>")
                .item("n2", "Only in news", "http://example.org/only-news", hourAgo, "<p>n</p>").xml());
        String letter = f.feeds.put("/letter", Rss.feed()
                .item("l1", "Camel 4.18 (newsletter)", "http://EXAMPLE.org/camel-4-18?utm_source=mail&id=1"
                        + "&mc_cid=9&fbclid=x", hourAgo, "<p>from the letter</p>")
                .item("l2", "Other id", "http://example.org/camel-4-18?id=2", hourAgo, "<p>another article</p>").xml());
        String planet = f.feeds.put("/planet", Rss.feed()
                .item("p1", "Camel 4.18 (planet)", "http://example.org/camel-4-18?id=1#comments", hourAgo,
                        "<p>from the planet</p>").xml());
        f.admin.addTrigger(alice, "News", news, "Tech", "", YESTERDAY);
        f.admin.addTrigger(alice, "Letter", letter, "tech", "", YESTERDAY); // same notebook, other spelling
        f.admin.addTrigger(alice, "Planet", planet, "Reading", "", YESTERDAY);
        f.admin.addTrigger(bob, "Bob news", news, "Tech", "", YESTERDAY); // another user: his own note
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private List<String> titles(String token, String notebook) {
        return f.evernote.notes(token).stream().filter(n -> n.notebookName().equalsIgnoreCase(notebook))
                .map(StoredNote::title).sorted().toList();
    }

    @Test
    void an_article_two_triggers_carry_into_one_notebook_makes_one_note_another_notebook_gets_its_own()
            throws Exception {
        OnceSummary s;
        try (LogCapture log = new LogCapture()) {
            s = f.runOnce();
            assertThat(log.lines("poll cycle done", "cross_feed_duplicates=1")).hasSize(1);
        }

        List<String> tech = titles("tok-alice", "Tech");
        assertThat(tech).hasSize(3).contains("Only in news", "Other id")
                .filteredOn(t -> t.startsWith("Camel 4.18")).hasSize(1);
        assertThat(titles("tok-alice", "Reading")).containsExactly("Camel 4.18 (planet)");
        assertThat(titles("tok-bob", "Tech")).containsExactly("Camel 4.18", "Only in news");
        assertThat(s.crossFeedDuplicates()).isEqualTo(1);
        assertThat(s.line()).contains("1 already delivered by another feed");
        assertThat(f.queryInt("SELECT count(*) FROM thc_entry WHERE NOT queued")).isEqualTo(1);

        // Later the letter carries an article the news feed delivered in the first run: no second note.
        f.feeds.put("/letter", Rss.feed()
                .item("l3", "Only in news (newsletter)", "http://example.org/only-news?utm_medium=email",
                        NOW, "<p>late</p>")
                .item("l4", "Fresh", "http://example.org/fresh", NOW, "<p>new</p>").xml());
        OnceSummary again = f.runOnce();
        assertThat(again.crossFeedDuplicates()).isEqualTo(1);
        assertThat(titles("tok-alice", "Tech")).hasSize(4).contains("Fresh").doesNotContain("Only in news (newsletter)");
    }

    @Test
    void switched_off_every_trigger_makes_its_own_note() throws Exception {
        f.set("th.cross.feed.dedup", "false");
        OnceSummary s = f.runOnce();
        assertThat(titles("tok-alice", "Tech")).filteredOn(t -> t.startsWith("Camel 4.18")).hasSize(2);
        assertThat(s.crossFeedDuplicates()).isZero();
    }

    @Test
    void two_transactions_claiming_one_article_agree_through_the_constraint() throws Exception {
        int news = f.queryInt("SELECT id FROM django_th_triggerservice WHERE description = 'News'");
        int letter = f.queryInt("SELECT id FROM django_th_triggerservice WHERE description = 'Letter'");
        ArticleClaimRepository claims = new ArticleClaimRepository();
        String key = "a".repeat(64);
        try (Connection first = f.ds.getConnection(); Connection second = f.ds.getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            assertThat(claims.claim(first, news, alice, List.of(key))).containsExactly(key);
            // The second waits for the first transaction, then sees its claim.
            CompletableFuture<Set<String>> other = CompletableFuture.supplyAsync(() -> {
                try {
                    return claims.claim(second, letter, alice, List.of(key, "b".repeat(64)));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            assertThat(other).isNotDone();
            first.commit();
            assertThat(other.get(10, TimeUnit.SECONDS)).containsExactly("b".repeat(64));
            second.commit();
            assertThat(claims.claim(first, news, alice, List.of(key))).as("its own claim stays its own")
                    .containsExactly(key);
            first.commit();
        }
    }
}

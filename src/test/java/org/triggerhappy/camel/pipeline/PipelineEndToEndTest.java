package org.triggerhappy.camel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triggerhappy.camel.notes.EnmlValidator;
import org.triggerhappy.camel.service.OnceSummary;
import org.triggerhappy.camel.testsupport.FakeEvernote;
import org.triggerhappy.camel.testsupport.FakeEvernote.StoredNote;
import org.triggerhappy.camel.testsupport.Rss;
import org.triggerhappy.camel.testsupport.ServiceFixture;

/**
 * The whole pipeline through the real XML routes, on an existing django-th database with 3 users and 6 triggers
 * (one inactive), feeds over HTTP and the real Evernote SDK against a wire-compatible local service.
 */
class PipelineEndToEndTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final LocalDate TWO_DAYS_AGO = LocalDate.ofInstant(NOW, ZoneOffset.UTC).minusDays(2);

    @TempDir
    Path dataDir;
    ServiceFixture f;
    int alice;
    int bob;
    int carol;
    int t1;
    int t2;
    int t3;
    int t4;
    int t5;
    int t6;

    private static Instant ago(long hours) {
        return NOW.minus(hours, ChronoUnit.HOURS);
    }

    @BeforeEach
    void setUp() throws Exception {
        f = new ServiceFixture(dataDir, true);
        FakeEvernote ev = f.evernote;
        ev.addAccount("tok-alice", "alice");
        ev.addAccount("tok-bob", "bob");
        ev.addAccount("tok-carol", "carol");
        ev.addNotebook("tok-bob", "News");
        alice = f.admin.addUser("alice", "a@example.org");
        bob = f.admin.addUser("bob", "b@example.org");
        carol = f.admin.addUser("carol", "c@example.org");
        f.admin.setEvernoteToken(alice, "tok-alice");
        f.admin.setEvernoteToken(bob, "tok-bob");
        f.admin.setEvernoteToken(carol, "tok-carol");

        // T1: never ran, created two days ago: dated entries since then are delivered; older, undated, future are not.
        t1 = f.admin.addTrigger(alice, "Alice tech", f.feeds.put("/a1", Rss.feed()
                .item("a1-1", "Camel 4.18 released", "http://example.org/a1/1", ago(2), "<p>Camel <b>news</b></p>")
                .item("a1-2", "Java &amp; friends", "http://example.org/a1/2", ago(30), "<p>JDK</p>")
                .item("a1-3", "Relative", "http://example.org/a1/3", ago(40), "<a href=\"/x\">x</a><img src=\"i.png\"/>")
                .item("a1-old", "Too old", "http://example.org/a1/old", ago(24 * 10), "<p>old</p>")
                .item("a1-undated", "Undated", "http://example.org/a1/undated", null, "<p>no date</p>")
                .item("a1-future", "Future", "http://example.org/a1/future", NOW.plus(2, ChronoUnit.DAYS), "<p>later</p>")
                .xml()), "Tech", "java, camel", TWO_DAYS_AGO);
        // T2: ran yesterday at this time: only entries published since then; default notebook, no tags.
        t2 = f.admin.addTrigger(alice, "Alice misc", f.feeds.put("/a2", Rss.feed()
                .item("a2-1", "After last run", "http://example.org/a2/1", ago(3), "<p>new</p>")
                .item("a2-2", "Before last run", "http://example.org/a2/2", ago(30), "<p>seen by django-th</p>")
                .xml()), "", "", TWO_DAYS_AGO);
        f.execute("UPDATE django_th_triggerservice SET date_triggered = now() - interval '24 hours' WHERE id = " + t2);
        // T3 and T4: bob, notebook existing as "News" (matched case-insensitively), tags shared between triggers.
        t3 = f.admin.addTrigger(bob, "Bob daily", f.feeds.put("/b1", Rss.feed()
                .item("b1-1", "Bob one", "http://example.org/b1/1", ago(1), "<p>one</p>")
                .item("b1-2", "Bob two", "http://example.org/b1/2", ago(2), "<p>two</p>")
                .xml()), "news", "Daily", TWO_DAYS_AGO);
        t4 = f.admin.addTrigger(bob, "Bob more", f.feeds.put("/b2", Rss.feed()
                .item("b2-1", "Bob three", "http://example.org/b2/1", ago(1), "<p>three</p>")
                .xml()), "News", "daily, Extra", TWO_DAYS_AGO);
        // T5: inactive: never fetched.
        t5 = f.admin.addTrigger(carol, "Carol off", f.feeds.put("/c1", Rss.feed()
                .item("c1-1", "Never", "http://example.org/c1/1", ago(1), "<p>never</p>").xml()), "Off", "", TWO_DAYS_AGO);
        f.admin.setTriggerStatus(t5, false);
        // T6: hostile markup still makes valid notes.
        t6 = f.admin.addTrigger(carol, "Carol web", f.feeds.put("/c2", Rss.feed()
                .item("c2-1", "<b>Bold</b> title &amp;amp; more", "http://example.org/c2/1", ago(1),
                        "<div id=\"x\" class=\"y\" onclick=\"evil()\"><script>alert(1)</script><!-- c -->"
                                + "<section><p>kept</p></section><iframe src=\"http://evil\"></iframe></div>")
                .item("c2-2", null, "http://example.org/c2/2", ago(2), "<p>untitled</p>")
                .xml()), "Carol's", "x", TWO_DAYS_AGO);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private static List<String> titles(List<StoredNote> notes) {
        return notes.stream().map(StoredNote::title).sorted().collect(Collectors.toList());
    }

    @Test
    void one_valid_note_per_qualifying_entry_then_nothing_then_only_the_new_ones() throws Exception {
        OnceSummary first = f.runOnce();

        List<StoredNote> a = f.evernote.notes("tok-alice");
        assertThat(titles(a)).containsExactly("After last run", "Camel 4.18 released", "Java & friends", "Relative");
        StoredNote camel = a.stream().filter(n -> n.title().startsWith("Camel")).findFirst().orElseThrow();
        assertThat(camel.notebookName()).isEqualTo("Tech");
        assertThat(camel.tagNames()).containsExactlyInAnyOrder("java", "camel");
        assertThat(camel.sourceUrl()).isEqualTo("http://example.org/a1/1");
        assertThat(camel.created()).isEqualTo(ago(2));
        StoredNote relative = a.stream().filter(n -> n.title().equals("Relative")).findFirst().orElseThrow();
        assertThat(relative.content()).contains("href=\"http://example.org/x\"").contains("src=\"http://example.org/a1/i.png\"");
        StoredNote misc = a.stream().filter(n -> n.title().equals("After last run")).findFirst().orElseThrow();
        assertThat(misc.tagNames()).isEmpty();
        assertThat(f.evernote.notebookNames("tok-alice")).filteredOn("Tech"::equals).hasSize(1);

        List<StoredNote> b = f.evernote.notes("tok-bob");
        assertThat(titles(b)).containsExactly("Bob one", "Bob three", "Bob two");
        assertThat(b).allMatch(n -> n.notebookName().equals("News"));
        assertThat(f.evernote.notebookNames("tok-bob")).filteredOn(n -> n.equalsIgnoreCase("news")).containsExactly("News");
        // "Daily" and "daily" are one tag; whichever trigger delivered first chose its spelling.
        assertThat(f.evernote.tagNames("tok-bob")).map(String::toLowerCase).containsExactlyInAnyOrder("daily", "extra");
        StoredNote three = b.stream().filter(n -> n.title().equals("Bob three")).findFirst().orElseThrow();
        assertThat(three.tagNames()).map(String::toLowerCase).containsExactlyInAnyOrder("daily", "extra");

        List<StoredNote> c = f.evernote.notes("tok-carol");
        assertThat(titles(c)).containsExactly("Bold title &amp; more", "http://example.org/c2/2");
        assertThat(c).allMatch(n -> n.notebookName().equals("Carol's") && n.tagNames().equals(List.of("x")));
        assertThat(f.feeds.requests("/c1")).as("inactive trigger is not fetched").isZero();
        String hostile = c.get(0).content() + c.get(1).content();
        assertThat(hostile).contains("kept").doesNotContain("script").doesNotContain("onclick")
                .doesNotContain("iframe").doesNotContain("<!--").doesNotContain("class=");

        for (String tok : List.of("tok-alice", "tok-bob", "tok-carol")) {
            for (StoredNote n : f.evernote.notes(tok)) {
                assertThat(EnmlValidator.shared().problems(n.content())).as(n.title()).isEmpty();
            }
        }
        assertThat(first.notesWritten()).isEqualTo(9);
        assertThat(first.triggersPolled()).isEqualTo(5);
        assertThat(f.queryInt("SELECT counter_ok FROM django_th_triggerservice WHERE id = " + t1)).isEqualTo(3);
        assertThat(f.queryString("SELECT result FROM django_th_triggerservice WHERE id = " + t1)).isEqualTo("OK");
        assertThat(f.queryInt("SELECT count(*) FROM django_th_triggerservice WHERE date_triggered IS NULL AND status"))
                .isZero();
        int notebooksCreated = f.evernote.calls("createNotebook");

        // A second run creates nothing.
        OnceSummary second = f.runOnce();
        assertThat(second.notesWritten()).isZero();
        assertThat(f.evernote.notes("tok-alice")).hasSize(4);
        assertThat(f.evernote.notes("tok-bob")).hasSize(3);
        assertThat(f.evernote.notes("tok-carol")).hasSize(2);

        // New items, whatever their date, are delivered once by the next run; an edited title stays one note.
        f.feeds.put("/a1", Rss.feed()
                .item("a1-new", "Late arrival", "http://example.org/a1/new", ago(24 * 5), "<p>new but backdated</p>")
                .item("a1-1", "Camel 4.18 released (updated)", "http://example.org/a1/1", ago(2), "<p>edited</p>")
                .item("a1-undated", "Undated", "http://example.org/a1/undated", null, "<p>no date</p>")
                .xml());
        f.feeds.put("/c2", Rss.feed()
                .item("c2-3", "Carol three", "http://example.org/c2/3", NOW, "<p>3</p>")
                .item("c2-1", "Bold title", "http://example.org/c2/1", ago(1), "<p>kept</p>")
                .xml());
        OnceSummary third = f.runOnce();
        assertThat(third.notesWritten()).isEqualTo(2);
        assertThat(titles(f.evernote.notes("tok-alice"))).contains("Late arrival").hasSize(5);
        assertThat(titles(f.evernote.notes("tok-carol"))).contains("Carol three").hasSize(3);
        assertThat(f.runOnce().notesWritten()).isZero();
        assertThat(f.evernote.calls("createNotebook")).isEqualTo(notebooksCreated);
    }

    @Test
    void a_failing_feed_is_reported_on_its_trigger_and_the_others_go_on() throws Exception {
        f.feeds.fail("/a2", 500);
        f.feeds.put("/b1", "<html><body>not a feed</body></html>");
        OnceSummary s = f.runOnce();
        assertThat(s.feedFailures()).isEqualTo(2);
        assertThat(f.evernote.notes("tok-alice")).hasSize(3);
        assertThat(f.evernote.notes("tok-carol")).hasSize(2);
        assertThat(f.queryString("SELECT result FROM django_th_triggerservice WHERE id = " + t2)).contains("500");
        assertThat(f.queryInt("SELECT provider_failed FROM django_th_triggerservice WHERE id = " + t3)).isEqualTo(1);
        assertThat(f.queryString("SELECT last_error FROM thc_feed_state WHERE trigger_id = " + t3)).startsWith("feed error");
    }
}

package org.triggerhappy.camel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.triggerhappy.camel.persistence.TriggerSettingsRepository.Column;
import org.triggerhappy.camel.service.OnceSummary;
import org.triggerhappy.camel.testsupport.FakeEvernote.StoredNote;
import org.triggerhappy.camel.testsupport.LogCapture;
import org.triggerhappy.camel.testsupport.ServiceFixture;

/** Keep/block rules and title templates through the real routes, database and Evernote SDK against the fake. */
class EntryRulesPipelineTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final DateTimeFormatter RFC = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    @TempDir
    Path dataDir;
    ServiceFixture f;
    int alice;

    @BeforeEach
    void setUp() throws Exception {
        f = new ServiceFixture(dataDir, false);
        alice = f.addEvernoteUser("alice");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private static String item(String guid, String title, String author, String category, Instant published) {
        return "<item><title>" + title + "</title><link>http://example.org/" + guid + "</link>"
                + "<guid isPermaLink=\"false\">" + guid + "</guid><pubDate>" + RFC.format(published) + "</pubDate>"
                + (author == null ? "" : "<dc:creator>" + author + "</dc:creator>")
                + (category == null ? "" : "<category>" + category + "</category>")
                + "<description>&lt;p&gt;text of " + guid + "&lt;/p&gt;</description></item>";
    }

    private static String feed(String... items) {
        return "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
                + "<channel><title>Tech &amp; Co</title><link>http://example.org/</link><description>d</description>"
                + String.join("", items) + "</channel></rss>";
    }

    private int trigger(String path, String document, Map<Column, Object> own) {
        return f.admin.addTrigger(alice, "Alice tech", f.feeds.put(path, document), "Tech", "",
                LocalDate.ofInstant(NOW, ZoneOffset.UTC).minusDays(2), own);
    }

    @Test
    void filtered_entries_are_recorded_as_seen_counted_and_never_become_notes() throws Exception {
        Instant hourAgo = NOW.minus(1, ChronoUnit.HOURS);
        String day = LocalDate.ofInstant(hourAgo, ZoneOffset.UTC).toString();
        Map<Column, Object> own = new EnumMap<>(Column.class);
        own.put(Column.KEEP_RULES, new String[] {"title=(?i)camel", "category=^Java$"});
        own.put(Column.BLOCK_RULES, new String[] {"any=Sponsored"});
        own.put(Column.TITLE_TEMPLATE, "[{{feed}}] {{title}} — {{author}}, {{date}} ({{trigger}})");
        int id = trigger("/rules", feed(
                item("e1", "Camel 4.18 released", "Ada", null, hourAgo),
                item("e2", "JDK news", "Bob", "Java", hourAgo),
                item("e3", "Camel course (Sponsored)", "Ads", null, hourAgo),
                item("e4", "Gardening tips", "Cy", "Home", hourAgo)), own);

        OnceSummary first;
        try (LogCapture log = new LogCapture()) {
            first = f.runOnce();
            assertThat(log.lines("poll cycle done", "filtered=2")).hasSize(1);
        }

        assertThat(f.evernote.notes("tok-alice")).extracting(StoredNote::title).containsExactlyInAnyOrder(
                "[Tech & Co] Camel 4.18 released — Ada, " + day + " (Alice tech)",
                "[Tech & Co] JDK news — Bob, " + day + " (Alice tech)");
        assertThat(first.filtered()).isEqualTo(2);
        assertThat(first.newEntries()).isEqualTo(4);
        assertThat(first.line()).contains("4 new entries (2 filtered out, 0 already delivered by another feed)");
        assertThat(f.queryInt("SELECT count(*) FROM thc_entry WHERE trigger_id = " + id + " AND NOT queued"))
                .isEqualTo(2);

        // Rules dropped: what they filtered stays seen; only a new entry becomes a note.
        f.execute("UPDATE thc_trigger_settings SET keep_rules = NULL, block_rules = NULL, title_template = NULL");
        f.feeds.put("/rules", feed(
                item("e1", "Camel 4.18 released", "Ada", null, hourAgo),
                item("e2", "JDK news", "Bob", "Java", hourAgo),
                item("e3", "Camel course (Sponsored)", "Ads", null, hourAgo),
                item("e4", "Gardening tips", "Cy", "Home", hourAgo),
                item("e5", "Later news", "Dee", null, NOW)));
        OnceSummary second = f.runOnce();

        assertThat(second.newEntries()).isEqualTo(1);
        assertThat(second.filtered()).isZero();
        assertThat(f.evernote.notes("tok-alice")).extracting(StoredNote::title).hasSize(3).contains("Later news");
    }

    @Test
    void a_rule_that_runs_out_of_time_keeps_its_entries_and_is_skipped_after_a_few_timeouts() throws Exception {
        Instant hourAgo = NOW.minus(1, ChronoUnit.HOURS);
        String[] items = new String[6];
        for (int i = 0; i < items.length; i++) {
            items[i] = item("slow" + i, ("a".repeat(60) + "! ").repeat(50), null, null, hourAgo);
        }
        Map<Column, Object> own = new EnumMap<>(Column.class);
        own.put(Column.BLOCK_RULES, new String[] {"title=(.*a){12}!x"});
        trigger("/slow", feed(items), own);

        try (LogCapture log = new LogCapture()) {
            OnceSummary s = f.runOnce();
            assertThat(s.notesWritten()).isEqualTo(items.length);
            assertThat(s.filtered()).isZero();
            assertThat(log.lines("entry rule ran out of time, entry kept", "rule=\"title=(.*a){12}!x\""))
                    .hasSize(EntryShaping.TIMEOUTS_PER_POLL);
            // Six entries, three evaluations: the other three were kept without spending a budget each.
            assertThat(log.lines("rules skipped for the rest of this poll")).hasSize(1);
        }
    }

    @Test
    void a_stored_rule_that_does_not_compile_fails_the_feed_with_a_clear_result_and_records_nothing() throws Exception {
        int id = trigger("/bad", feed(item("e1", "Camel", null, null, NOW.minus(1, ChronoUnit.HOURS))), Map.of());
        f.execute("INSERT INTO thc_trigger_settings (trigger_id, block_rules) VALUES (" + id + ", '{\"title=(\"}')"
                + " ON CONFLICT (trigger_id) DO UPDATE SET block_rules = EXCLUDED.block_rules");

        OnceSummary s = f.runOnce();

        assertThat(s.feedFailures()).isEqualTo(1);
        assertThat(f.queryString("SELECT result FROM django_th_triggerservice WHERE id = " + id))
                .startsWith("trigger rules: rule 'title=(': invalid regex");
        assertThat(f.queryInt("SELECT count(*) FROM thc_entry WHERE trigger_id = " + id)).isZero();
        assertThat(f.evernote.notes("tok-alice")).isEmpty();
    }
}

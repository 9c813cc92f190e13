package org.triggerhappy.camel.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.triggerhappy.camel.testsupport.FakeEvernote;
import org.triggerhappy.camel.testsupport.LogCapture;
import org.triggerhappy.camel.testsupport.Rss;
import org.triggerhappy.camel.testsupport.ServiceFixture;

/**
 * One run of the service with secrets planted in feed URLs (user-info, query values, also as trigger
 * descriptions), in the JDBC URL's parameters, in the Evernote token and the HTTP password: none of them appears in
 * the log, the status page, the metrics, the full health answer, django-th's result columns or the notes.
 */
class NoSecretInOutputTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final List<String> SECRETS = List.of("FEEDPASS-SECRET", "APIKEY-SECRET", "TOKEN-SECRET",
            "BROKENKEY-SECRET", "USERINFO-SECRET", "JDBCAPP-SECRET", "EVERNOTE-TOKEN-SECRET", "HTTP-PASSWORD-SECRET",
            "CONSUMER-SECRET-PLANTED");

    @TempDir
    Path dataDir;
    ServiceFixture f;

    @BeforeEach
    void setUp() throws Exception {
        f = new ServiceFixture(dataDir, true);
        LocalDate created = LocalDate.ofInstant(NOW, ZoneOffset.UTC).minusDays(2);
        f.evernote.addAccount("EVERNOTE-TOKEN-SECRET", "alice");
        int alice = f.admin.addUser("alice", "a@example.org");
        f.admin.setEvernoteToken(alice, "EVERNOTE-TOKEN-SECRET");
        String feed = Rss.feed()
                .item("a1", "One", "http://example.org/1", NOW.minus(1, ChronoUnit.HOURS), "<p>1</p>").xml();
        // Query secrets: fetched fine; the URL is also the description, as django-th users often leave it.
        String keyed = f.feeds.put("/keyed", feed) + "?apikey=APIKEY-SECRET&token=TOKEN-SECRET";
        f.admin.addTrigger(alice, keyed, keyed, "", "", created);
        // User-info: whatever the fetcher makes of it, its answer and errors are masked.
        String withUser = f.feeds.put("/userinfo", feed).replace("http://", "http://feed:FEEDPASS-SECRET@");
        f.admin.addTrigger(alice, "userinfo " + withUser, withUser, "", "", created);
        // A failing feed: its error text lands in the log and in django-th's result.
        f.feeds.put("/broken", "unused");
        f.feeds.fail("/broken", 404);
        f.admin.addTrigger(alice, "Broken", f.feeds.url("/broken") + "?key=BROKENKEY-SECRET", "", "", created);
        // An unparsable URL quoting a secret.
        f.admin.addTrigger(alice, "Bad", "http://u:USERINFO-SECRET@[bad/feed", "", "", created);
        f.set("th.db.url", f.db.url() + (f.db.url().contains("?") ? "&" : "?") + "ApplicationName=JDBCAPP-SECRET");
        f.set("th.http.user", "ops").set("th.http.password", "HTTP-PASSWORD-SECRET");
        // The application's Evernote API key, which only tokens login uses: its secret is in the start line masked.
        f.set("th.evernote.consumer.key", "th-camel").set("th.evernote.consumer.secret", "CONSUMER-SECRET-PLANTED");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void no_planted_secret_reaches_any_output() throws Exception {
        List<String> outputs = new ArrayList<>();
        String auth = HttpAccessTest.basic("ops", "HTTP-PASSWORD-SECRET");
        // Per-trigger lines are DEBUG: searched too.
        ch.qos.logback.classic.Logger service = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.triggerhappy");
        ch.qos.logback.classic.Level level = service.getLevel();
        service.setLevel(ch.qos.logback.classic.Level.DEBUG);
        try (LogCapture log = new LogCapture()) {
            try (RunningService s = new RunningService(f)) {
                await().atMost(Duration.ofSeconds(60)).until(() ->
                        f.queryInt("SELECT count(*) FROM thc_feed_state WHERE last_checked_at IS NOT NULL") == 4
                                && !f.evernote.notes("EVERNOTE-TOKEN-SECRET").isEmpty());
                String page = RunningService.get(s.httpPort, "/", auth).body();
                assertThat(page).contains("/keyed?apikey=…&amp;token=…");
                outputs.add(page);
                String metrics = RunningService.get(s.managementPort, "/observe/metrics", auth).body();
                assertThat(metrics).contains("triggerhappy_fetches_total");
                outputs.add(metrics);
                outputs.add(RunningService.get(s.managementPort, "/observe/health?exposureLevel=full", auth).body());
            }
            outputs.add(log.text());
            assertThat(log.text()).contains("feed polled").contains("feed failed").contains("database connected")
                    .contains("TH_EVERNOTE_CONSUMER_SECRET=****");
        } finally {
            service.setLevel(level);
        }
        List<FakeEvernote.StoredNote> notes = f.evernote.notes("EVERNOTE-TOKEN-SECRET");
        for (FakeEvernote.StoredNote n : notes) {
            outputs.add(n.title() + "\n" + n.content() + "\n" + n.sourceUrl());
        }
        // The footer names the feed by its title, not by the secret-bearing URL.
        assertThat(String.join("\n", outputs.subList(outputs.size() - notes.size(), outputs.size())))
                .contains("Provided by <em>Test feed</em>");
        outputs.add(f.queryString("SELECT string_agg(coalesce(result, ''), '\n') FROM django_th_triggerservice"));
        outputs.add(f.queryString("SELECT string_agg(coalesce(last_error, ''), '\n') FROM thc_feed_state"));

        String all = String.join("\n", outputs);
        for (String secret : SECRETS) {
            assertThat(all).as("output containing %s", secret).doesNotContain(secret);
        }
    }
}

package org.triggerhappy.camel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triggerhappy.camel.service.OnceSummary;
import org.triggerhappy.camel.testsupport.FakeEvernote.StoredNote;
import org.triggerhappy.camel.testsupport.ServiceFixture;

/** A JSON Feed served on loopback becomes notes through the real routes, once each, like an RSS feed. */
class JsonFeedPipelineTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final String TYPE = "application/feed+json";

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

    private static String item(String id, String title, Instant published) {
        return "{\"id\": \"" + id + "\", \"url\": \"http://example.org/" + id + "\", \"title\": \"" + title + "\","
                + " \"content_html\": \"<p>Body of " + id + "</p>\", \"date_published\": \"" + published + "\","
                + " \"tags\": [\"json\"]}";
    }

    private static String feed(String... items) {
        return "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"JSON news\", \"items\": ["
                + String.join(",", items) + "]}";
    }

    private int trigger(String path, String body) {
        return f.admin.addTrigger(alice, "Alice json", f.feeds.put(path, body, TYPE), "Json", "",
                LocalDate.ofInstant(NOW, ZoneOffset.UTC).minusDays(1));
    }

    @Test
    void json_feed_items_become_notes_once_and_only_new_ones_later() throws Exception {
        Instant hourAgo = NOW.minus(1, ChronoUnit.HOURS);
        trigger("/feed.json", feed(item("j1", "First JSON", hourAgo), item("j2", "Second JSON", hourAgo)));

        OnceSummary first = f.runOnce();

        assertThat(first.notesWritten()).isEqualTo(2);
        StoredNote note = f.evernote.notes("tok-alice").stream().filter(n -> n.title().equals("First JSON"))
                .findFirst().orElseThrow();
        assertThat(note.content()).contains("Body of j1");
        assertThat(note.sourceUrl()).isEqualTo("http://example.org/j1");
        assertThat(note.notebookName()).isEqualTo("Json");

        f.feeds.put("/feed.json", feed(item("j3", "Third JSON", NOW), item("j1", "First JSON (edited)", hourAgo),
                item("j2", "Second JSON", hourAgo)), TYPE);
        OnceSummary second = f.runOnce();

        assertThat(second.newEntries()).isEqualTo(1);
        assertThat(f.evernote.notes("tok-alice")).extracting(StoredNote::title)
                .containsExactlyInAnyOrder("First JSON", "Second JSON", "Third JSON");
    }

    @Test
    void a_malformed_json_feed_is_a_feed_error_with_a_clear_result() throws Exception {
        int id = trigger("/broken.json", "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [");

        OnceSummary s = f.runOnce();

        assertThat(s.feedFailures()).isEqualTo(1);
        assertThat(f.queryString("SELECT result FROM django_th_triggerservice WHERE id = " + id))
                .startsWith("feed error: JSON Feed error: ").contains("line 1");
        assertThat(f.evernote.notes("tok-alice")).isEmpty();
    }
}

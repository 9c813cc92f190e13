package org.triggerhappy.camel.evernote;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.triggerhappy.camel.notes.NoteDraft;
import org.triggerhappy.camel.testsupport.FakeEvernote;
import org.triggerhappy.camel.testsupport.FakeEvernote.Fault;
import org.triggerhappy.camel.testsupport.FakeEvernote.StoredNote;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.triggerhappy.camel.evernote.TestDrafts.draft;

/** EvernoteGateway with the real SDK against FakeEvernote: notebooks, tags, attributes, caching, concurrency. */
class EvernoteGatewayTest {

    private static final String TOKEN = "S=s1:U=3e9:E=19a:C=18f:P=1cd:A=en-devtoken:V=2:H=aaaaaaaaaaaaaaaa";

    private FakeEvernote fake;
    private EvernoteGateway gateway;

    @BeforeEach
    void start() {
        fake = new FakeEvernote();
        fake.addAccount(TOKEN, "alice");
        gateway = new EvernoteGateway(new EvernoteClients(fake.baseUrl(), Duration.ofSeconds(2), Duration.ofSeconds(10)));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void notebook_is_created_once_and_reused_case_insensitively() throws Exception {
        gateway.createNote(TOKEN, draft("One", "https://e.org/1", "Feeds"));
        gateway.createNote(TOKEN, draft("Two", "https://e.org/2", "feeds"));
        gateway.createNote(TOKEN, draft("Three", "https://e.org/3", "FEEDS"));

        assertThat(fake.notebookNames(TOKEN)).containsExactly("alice's notebook", "Feeds");
        assertThat(fake.notes(TOKEN)).extracting(StoredNote::notebookName).containsOnly("Feeds");
        assertThat(fake.calls("createNotebook")).isEqualTo(1);
        assertThat(fake.calls("listNotebooks")).isEqualTo(1);
        assertThat(fake.calls("getNoteStoreUrl")).isEqualTo(1);
        assertThat(fake.calls("createNote")).isEqualTo(3);
    }

    @Test
    void existing_notebook_is_found_whatever_its_case() throws Exception {
        fake.addNotebook(TOKEN, "Daily Reading");

        gateway.createNote(TOKEN, draft("One", "https://e.org/1", "daily reading"));

        assertThat(fake.notes(TOKEN).get(0).notebookName()).isEqualTo("Daily Reading");
        assertThat(fake.calls("createNotebook")).isZero();
    }

    @Test
    void tags_are_created_once_reused_and_attached() throws Exception {
        fake.addNotebook(TOKEN, "Feeds");
        gateway.createNote(TOKEN, draft("One", "https://e.org/1", "Feeds", "rss", "Python"));
        gateway.createNote(TOKEN, draft("Two", "https://e.org/2", "Feeds", "RSS", "django"));
        gateway.createNote(TOKEN, draft("Three", "https://e.org/3", null, "python"));

        assertThat(fake.tagNames(TOKEN)).containsExactly("rss", "Python", "django");
        assertThat(fake.notes(TOKEN)).extracting(StoredNote::tagNames)
                .containsExactly(List.of("rss", "Python"), List.of("rss", "django"), List.of("Python"));
        assertThat(fake.calls("createTag")).isEqualTo(3);
        assertThat(fake.calls("listTags")).isEqualTo(1);
    }

    @Test
    void null_notebook_means_the_default_notebook_without_listing() throws Exception {
        String guid = gateway.createNote(TOKEN, draft("Plain", "https://e.org/p", null));

        StoredNote note = fake.notes(TOKEN).get(0);
        assertThat(note.guid()).isEqualTo(guid);
        assertThat(note.notebookName()).isEqualTo("alice's notebook");
        assertThat(fake.calls("listNotebooks")).isZero();
    }

    @Test
    void title_content_source_url_and_created_are_stored() throws Exception {
        Instant published = Instant.parse("2024-03-01T10:15:30.123Z");
        NoteDraft draft = new NoteDraft("Été à Paris", TestDrafts.enml("<p>Bonjour <b>monde</b></p>"),
                "https://e.org/ete?x=1&y=2", published, "Feeds", List.of());

        String guid = gateway.createNote(TOKEN, draft);

        StoredNote note = fake.notes(TOKEN).get(0);
        assertThat(note.guid()).isEqualTo(guid);
        assertThat(note.title()).isEqualTo("Été à Paris");
        assertThat(note.content()).isEqualTo(draft.enml());
        assertThat(note.sourceUrl()).isEqualTo("https://e.org/ete?x=1&y=2");
        assertThat(note.created()).isEqualTo(published);
        assertThat(note.tagNames()).isEmpty();
    }

    @Test
    void without_created_the_service_picks_now() throws Exception {
        Instant before = Instant.now().minusSeconds(1);

        gateway.createNote(TOKEN, draft("Now", null, null));

        StoredNote note = fake.notes(TOKEN).get(0);
        assertThat(note.created()).isAfter(before);
        assertThat(note.sourceUrl()).isNull();
    }

    @Test
    void notebook_created_by_someone_else_between_list_and_create_is_reused() throws Exception {
        fake.failNext("createNotebook", Fault.interleave(() -> fake.addNotebook(TOKEN, "feeds")));

        gateway.createNote(TOKEN, draft("One", "https://e.org/1", "Feeds"));
        gateway.createNote(TOKEN, draft("Two", "https://e.org/2", "Feeds"));

        assertThat(fake.notebookNames(TOKEN)).containsExactly("alice's notebook", "feeds");
        assertThat(fake.notes(TOKEN)).extracting(StoredNote::notebookName).containsOnly("feeds");
        assertThat(fake.calls("createNotebook")).isEqualTo(1);
        assertThat(fake.calls("listNotebooks")).isEqualTo(2);
    }

    @Test
    void tag_created_by_someone_else_between_list_and_create_is_reused() throws Exception {
        gateway.createNote(TOKEN, draft("One", "https://e.org/1", null, "first"));
        fake.failNext("createTag", Fault.interleave(() -> {
            try {
                // another client creates "News" through the service
                new EvernoteGateway(new EvernoteClients(fake.baseUrl(), Duration.ofSeconds(2), Duration.ofSeconds(5)))
                        .createNote(TOKEN, draft("Other", "https://other.org/1", null, "News"));
            } catch (EvernoteFailure e) {
                throw new IllegalStateException(e);
            }
        }));

        gateway.createNote(TOKEN, draft("Two", "https://e.org/2", null, "news"));

        assertThat(fake.tagNames(TOKEN)).containsExactly("first", "News");
        assertThat(fake.notes(TOKEN)).filteredOn(n -> n.title().equals("Two"))
                .extracting(StoredNote::tagNames).containsExactly(List.of("News"));
    }

    @Test
    void notebook_deleted_in_the_app_is_noticed_and_created_again() throws Exception {
        gateway.createNote(TOKEN, draft("One", "https://e.org/1", "Feeds"));
        fake.deleteNotebook(TOKEN, "Feeds");

        gateway.createNote(TOKEN, draft("Two", "https://e.org/2", "Feeds"));

        assertThat(fake.notebookNames(TOKEN)).containsExactly("alice's notebook", "Feeds");
        assertThat(fake.notes(TOKEN)).extracting(StoredNote::title).containsExactly("Two");
        assertThat(fake.calls("createNote")).isEqualTo(3);
        assertThat(fake.calls("createNotebook")).isEqualTo(2);
    }

    @Test
    void renewed_token_starts_with_a_fresh_cache() throws Exception {
        String renewed = TOKEN.replace("H=aaaa", "H=bbbb");
        gateway.createNote(TOKEN, draft("One", "https://e.org/1", "Feeds", "rss"));
        fake.renewToken(TOKEN, renewed);

        gateway.createNote(renewed, draft("Two", "https://e.org/2", "Feeds", "rss"));

        assertThat(fake.calls("getNoteStoreUrl")).isEqualTo(2);
        assertThat(fake.calls("listNotebooks")).isEqualTo(2);
        assertThat(fake.calls("listTags")).isEqualTo(2);
        assertThat(fake.calls("createNotebook")).isEqualTo(1);
        assertThat(fake.notes(TOKEN)).extracting(StoredNote::notebookName).containsOnly("Feeds");
    }

    @Test
    void find_by_source_url_returns_the_exact_match_in_the_target_notebook() throws Exception {
        String wanted = gateway.createNote(TOKEN, draft("A", "https://e.org/a?q=\"x\"", "Feeds"));
        gateway.createNote(TOKEN, draft("B", "https://e.org/a", "Feeds"));
        gateway.createNote(TOKEN, draft("C", "https://e.org/c", "Other"));

        assertThat(gateway.findBySourceUrl(TOKEN, draft("A", "https://e.org/a?q=\"x\"", "feeds"))).contains(wanted);
        assertThat(gateway.findBySourceUrl(TOKEN, draft("C", "https://e.org/c", "Feeds"))).isEmpty();
        assertThat(gateway.findBySourceUrl(TOKEN, draft("Z", "https://e.org/z", "Feeds"))).isEmpty();
        assertThat(gateway.findBySourceUrl(TOKEN, draft("A", "https://e.org/a?q=\"x\"", "Nowhere"))).isEmpty();
        assertThat(fake.notebookNames(TOKEN)).doesNotContain("Nowhere");
    }

    @Test
    void find_by_source_url_in_the_default_notebook() throws Exception {
        String guid = gateway.createNote(TOKEN, draft("A", "https://e.org/a", null));

        assertThat(gateway.findBySourceUrl(TOKEN, draft("A", "https://e.org/a", null))).contains(guid);
        assertThat(fake.calls("getDefaultNotebook")).isEqualTo(1);
    }

    @Test
    void check_user_returns_the_username() throws Exception {
        assertThat(gateway.checkUser(TOKEN)).isEqualTo("alice");
        assertThat(fake.calls("checkVersion")).isEqualTo(1);
        assertThat(fake.userAgents()).containsOnly(EvernoteClients.USER_AGENT);
    }

    @Test
    void eight_threads_share_one_gateway() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> workers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    List<String> guids = new ArrayList<>();
                    for (int i = 0; i < 20; i++) {
                        String id = thread + "-" + i;
                        guids.add(gateway.createNote(TOKEN,
                                draft("Note " + id, "https://e.org/" + id, "Feeds", "rss", "t" + (i % 3))));
                    }
                    return guids;
                }));
            }
            List<String> guids = new ArrayList<>();
            for (Future<List<String>> worker : workers) {
                guids.addAll(worker.get());
            }

            assertThat(guids).hasSize(160).doesNotHaveDuplicates();
            assertThat(fake.notes(TOKEN)).hasSize(160).allSatisfy(note -> {
                assertThat(note.notebookName()).isEqualTo("Feeds");
                assertThat(note.tagNames()).hasSize(2).contains("rss");
            });
            assertThat(fake.notebookNames(TOKEN)).containsExactly("alice's notebook", "Feeds");
            assertThat(fake.tagNames(TOKEN)).containsExactlyInAnyOrder("rss", "t0", "t1", "t2");
            assertThat(fake.calls("createNotebook")).isEqualTo(1);
            assertThat(fake.calls("createTag")).isEqualTo(4);
        } finally {
            pool.shutdownNow();
        }
    }
}

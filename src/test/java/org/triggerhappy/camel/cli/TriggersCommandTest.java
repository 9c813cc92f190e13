package org.triggerhappy.camel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triggerhappy.camel.cli.CliHarness.Result;
import org.triggerhappy.camel.testsupport.TestDatabase;

class TriggersCommandTest {
    private static final String FEED = "https://example.org/feed.xml";

    @TempDir
    Path dataDir;
    CliHarness cli;

    @BeforeEach
    void setUp() {
        cli = new CliHarness(TestDatabase.fresh(), dataDir);
        assertThat(cli.run("users", "add", "--username", "alice").exit()).isZero();
    }

    /** triggers add --no-discover: these URLs are stored, never fetched (no DNS query for example.org). */
    private int add(String... options) {
        String[] args = new String[options.length + 3];
        args[0] = "triggers";
        args[1] = "add";
        args[2] = "--no-discover";
        System.arraycopy(options, 0, args, 3, options.length);
        Result r = cli.run(args);
        assertThat(r.exit()).as(r.toString()).isZero();
        return CliHarness.addedTriggerId(r);
    }

    @Test
    void add_writes_a_complete_active_rss_to_evernote_trigger_and_prints_its_id() throws Exception {
        Result r = cli.run("triggers", "add", "--no-discover", "--user", "alice", "--url", FEED, "--notebook", "News",
                "--tags", "java, camel", "--interval", "2h", "--description", "Tech news");

        assertThat(r.exit()).as(r.toString()).isZero();
        int id = CliHarness.addedTriggerId(r);
        assertThat(r.out()).isEqualTo("trigger " + id + " added for alice" + System.lineSeparator());
        assertThat(r.err()).contains("alice has no Evernote token yet").contains("tokens set --user alice");
        assertThat(cli.queryString("SELECT concat_ws('|', t.description, t.date_created, t.status,"
                + " t.date_triggered IS NULL, t.result, t.provider_failed, t.consumer_failed, t.counter_ok, t.counter_ko,"
                + " p.name_id, c.name_id, r.name, r.url, r.status, r.uuid IS NOT NULL, e.notebook, e.tag, e.status,"
                + " e.title, e.text)"
                + " FROM django_th_triggerservice t"
                + " JOIN django_th_userservice p ON p.id = t.provider_id"
                + " JOIN django_th_userservice c ON c.id = t.consumer_id"
                + " JOIN django_th_rss r ON r.trigger_id = t.id JOIN django_th_evernote e ON e.trigger_id = t.id"
                + " WHERE t.id = " + id))
                .isEqualTo("Tech news|" + LocalDate.now(ZoneOffset.UTC) + "|t|t||0|0|0|0|ServiceRss|ServiceEvernote"
                        + "|Tech news|" + FEED + "|t|t|News|java, camel|t||");
        assertThat(cli.queryInt("SELECT poll_interval_seconds FROM thc_trigger_settings WHERE trigger_id = " + id))
                .isEqualTo(7200);
    }

    @Test
    void a_secret_bearing_url_is_stored_whole_but_described_and_listed_masked() throws Exception {
        String url = "https://bob:PASS-SECRET@example.org/feed.xml?apikey=KEY-SECRET&format=rss";
        int id = add("--user", "alice", "--url", url);

        assertThat(cli.queryString("SELECT url FROM django_th_rss WHERE trigger_id = " + id)).isEqualTo(url);
        assertThat(cli.queryString("SELECT description FROM django_th_triggerservice WHERE id = " + id))
                .isEqualTo("https://…@example.org/feed.xml?apikey=…&format=…");
        Result table = cli.run("triggers", "list");
        Result json = cli.run("triggers", "list", "--json");
        assertThat(table.out()).contains("https://…@example.org/feed.xml?apikey=…&format=…");
        assertThat(table.out() + table.err() + json.out() + json.err()).doesNotContain("SECRET");
        Result bad = cli.run("triggers", "add", "--user", "alice", "--url", "ftp://u:PASS-SECRET@example.org/f?k=KEY-SECRET");
        assertThat(bad.exit()).isEqualTo(TriggerHappyCli.USER_ERROR);
        assertThat(bad.err()).contains("must start with http").doesNotContain("SECRET");
    }

    @Test
    void without_options_the_description_is_the_url_and_the_interval_the_configured_one() throws Exception {
        int id = add("--user", "alice", "--url", FEED);

        assertThat(cli.queryString("SELECT description FROM django_th_triggerservice WHERE id = " + id)).isEqualTo(FEED);
        assertThat(cli.queryString("SELECT notebook || '|' || tag FROM django_th_evernote WHERE trigger_id = " + id))
                .isEqualTo("|");
        assertThat(cli.queryInt("SELECT count(*) FROM thc_trigger_settings")).isZero();
    }

    @Test
    void values_that_do_not_fit_django_th_are_refused_and_nothing_is_written() throws Exception {
        String longUrl = "https://example.org/" + "a".repeat(236);
        List<List<String>> bad = List.of(
                List.of("--url", "ftp://example.org/feed.xml"),
                List.of("--url", "example.org/feed.xml"),
                List.of("--url", "https:///no-host"),
                List.of("--url", "https://example.org/a b"),
                List.of("--url", longUrl),
                List.of("--url", FEED, "--notebook", "n".repeat(81)),
                List.of("--url", FEED, "--tags", "t".repeat(81)),
                List.of("--url", FEED, "--description", "d".repeat(201)),
                List.of("--url", FEED, "--interval", "soon"),
                List.of("--url", FEED, "--interval", "30s"),
                List.of("--url", FEED, "--interval", "2d"));
        for (List<String> options : bad) {
            String[] args = new String[options.size() + 4];
            args[0] = "triggers";
            args[1] = "add";
            args[2] = "--user";
            args[3] = "alice";
            for (int i = 0; i < options.size(); i++) {
                args[i + 4] = options.get(i);
            }
            Result r = cli.run(args);
            assertThat(r.exit()).as(options + " " + r).isEqualTo(1);
            assertThat(r.err()).as(options.toString()).startsWith("error: --");
        }
        assertThat(longUrl).hasSize(256);
        Result unknown = cli.run("triggers", "add", "--user", "nobody", "--url", FEED);
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("no user named 'nobody'");
        assertThat(cli.queryInt("SELECT count(*) FROM django_th_triggerservice")).isZero();
        assertThat(cli.queryInt("SELECT count(*) FROM django_th_rss")).isZero();
        // the limits themselves fit
        add("--user", "alice", "--url", "http://example.org/" + "a".repeat(236), "--notebook", "n".repeat(80),
                "--tags", "t".repeat(80), "--interval", "24h");
    }

    @Test
    void list_prints_a_table_and_json_with_the_same_fields() throws Exception {
        int a = add("--user", "alice", "--url", FEED, "--notebook", "News", "--tags", "java, camel", "--interval", "90m");
        int b = add("--user", "alice", "--url", "http://example.org/other.rss");
        cli.execute("UPDATE django_th_triggerservice SET status = false, result = 'feed error: HTTP 500' WHERE id = " + b);
        cli.execute("INSERT INTO thc_feed_state (trigger_id, url, first_polled_at, last_checked_at, next_check_at)"
                + " VALUES (" + a + ", '" + FEED + "', now(), '2026-01-02T03:04:00Z', '2026-01-02T04:34:00Z')");

        Result table = cli.run("triggers", "list");
        assertThat(table.exit()).isZero();
        List<String> lines = table.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).containsSubsequence("ID", "USER", "STATUS", "URL", "NOTEBOOK", "TAGS", "INTERVAL",
                "CONTENT", "IMAGES", "RULES", "LAST CHECK", "NEXT CHECK", "RESULT");
        assertThat(lines.get(1)).containsSubsequence(Integer.toString(a), "alice", "on", FEED, "News", "java, camel",
                "90m", "2026-01-02 03:04Z", "2026-01-02 04:34Z", "-");
        assertThat(lines.get(2)).containsSubsequence(Integer.toString(b), "alice", "off", "http://example.org/other.rss",
                "default", "-", "-", "feed error: HTTP 500");

        Result json = cli.run("triggers", "list", "--json");
        assertThat(json.exit()).isZero();
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertThat(root.isArray()).isTrue();
        assertThat(root).hasSize(2);
        JsonNode first = root.get(0);
        assertThat(first.fieldNames()).toIterable().containsExactly("id", "user", "status", "description", "url",
                "notebook", "tags", "interval", "fullContent", "selector", "images", "keep", "block", "titleTemplate", "lastCheck", "nextCheck", "result");
        assertThat(first.get("id").asInt()).isEqualTo(a);
        assertThat(first.get("user").asText()).isEqualTo("alice");
        assertThat(first.get("status").asText()).isEqualTo("on");
        assertThat(first.get("url").asText()).isEqualTo(FEED);
        assertThat(first.get("notebook").asText()).isEqualTo("News");
        assertThat(first.get("tags").isArray()).isTrue();
        assertThat(first.get("tags")).extracting(JsonNode::asText).containsExactly("java", "camel");
        assertThat(first.get("interval").asText()).isEqualTo("PT1H30M");
        assertThat(first.get("lastCheck").asText()).isEqualTo("2026-01-02T03:04:00Z");
        assertThat(first.get("nextCheck").asText()).isEqualTo("2026-01-02T04:34:00Z");
        JsonNode second = root.get(1);
        assertThat(second.get("status").asText()).isEqualTo("off");
        assertThat(second.get("interval").isNull()).isTrue();
        assertThat(second.get("lastCheck").isNull()).isTrue();
        assertThat(second.get("tags")).isEmpty();
        assertThat(second.get("result").asText()).isEqualTo("feed error: HTTP 500");
    }

    @Test
    void list_of_nothing_is_an_empty_json_array() throws Exception {
        Result r = cli.run("triggers", "list", "--json");
        assertThat(r.exit()).isZero();
        assertThat(new ObjectMapper().readTree(r.out()).isArray()).isTrue();
        assertThat(new ObjectMapper().readTree(r.out())).isEmpty();
        assertThat(cli.run("triggers", "list").out()).startsWith("no triggers");
    }

    @Test
    void disable_and_enable_switch_the_status_and_unknown_ids_fail() throws Exception {
        int id = add("--user", "alice", "--url", FEED);

        Result off = cli.run("triggers", "disable", Integer.toString(id));
        assertThat(off.exit()).isZero();
        assertThat(off.out()).contains("trigger " + id + " is off");
        assertThat(cli.queryString("SELECT status FROM django_th_triggerservice WHERE id = " + id)).isEqualTo("f");

        assertThat(cli.run("triggers", "enable", Integer.toString(id)).exit()).isZero();
        assertThat(cli.queryString("SELECT status FROM django_th_triggerservice WHERE id = " + id)).isEqualTo("t");

        for (String command : List.of("enable", "disable", "remove")) {
            Result r = cli.run("triggers", command, "999");
            assertThat(r.exit()).as(command).isEqualTo(1);
            assertThat(r.err()).as(command).contains("no trigger with id 999");
        }
        assertThat(cli.run("triggers", "enable", "seven").exit()).isEqualTo(1);
    }

    @Test
    void remove_deletes_the_django_th_rows_and_the_service_state_of_that_trigger_only() throws Exception {
        int gone = add("--user", "alice", "--url", FEED, "--interval", "1h");
        int kept = add("--user", "alice", "--url", "http://example.org/kept.rss", "--interval", "1h");
        for (int id : new int[]{gone, kept}) {
            cli.execute("INSERT INTO thc_feed_state (trigger_id, url, first_polled_at, next_check_at)"
                    + " VALUES (" + id + ", 'u', now(), now())");
            cli.execute("INSERT INTO thc_entry (trigger_id, entry_key, suffix, queued) VALUES"
                    + " (" + id + ", repeat('a', 64), repeat('0', 16), true), (" + id + ", repeat('b', 64), repeat('0', 16), true)");
            cli.execute("INSERT INTO thc_outbox (trigger_id, user_id, entry_key, feed_url, title, state) VALUES"
                    + " (" + id + ", 1, repeat('a', 64), 'u', 'waiting', 'pending'),"
                    + " (" + id + ", 1, repeat('b', 64), 'u', 'written', 'delivered')");
            cli.execute("INSERT INTO thc_outbox_payload (outbox_id, content) SELECT id, '<p>waiting</p>' FROM thc_outbox"
                    + " WHERE trigger_id = " + id + " AND state = 'pending'");
        }

        Result r = cli.run("triggers", "remove", Integer.toString(gone));

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("trigger " + gone + " removed (1 waiting entries dropped)");
        for (String table : List.of("thc_feed_state", "thc_entry", "thc_trigger_settings", "django_th_rss",
                "django_th_evernote")) {
            assertThat(cli.queryInt("SELECT count(*) FROM " + table + " WHERE trigger_id = " + gone)).as(table).isZero();
            assertThat(cli.queryInt("SELECT count(*) FROM " + table + " WHERE trigger_id = " + kept)).as(table).isPositive();
        }
        assertThat(cli.queryInt("SELECT count(*) FROM django_th_triggerservice WHERE id = " + gone)).isZero();
        assertThat(cli.queryString("SELECT string_agg(state, ',') FROM thc_outbox WHERE trigger_id = " + gone))
                .as("delivered rows stay as history").isEqualTo("delivered");
        assertThat(cli.queryInt("SELECT count(*) FROM thc_outbox WHERE trigger_id = " + kept)).isEqualTo(2);
        assertThat(cli.queryInt("SELECT count(*) FROM thc_outbox_payload b JOIN thc_outbox o ON o.id = b.outbox_id"
                + " WHERE o.trigger_id = " + kept)).as("the kept trigger's waiting entry keeps its content").isEqualTo(1);
        assertThat(cli.queryInt("SELECT count(*) FROM thc_outbox_payload")).as("the dropped entry's content went with it")
                .isEqualTo(1);
        assertThat(cli.queryInt("SELECT count(*) FROM django_th_userservice")).as("the user's services stay").isEqualTo(2);

        assertThat(cli.run("triggers", "remove", Integer.toString(gone)).exit()).isEqualTo(1);
    }

    @Test
    void content_settings_are_stored_per_trigger_changed_by_set_and_listed() throws Exception {
        int id = add("--user", "alice", "--url", FEED, "--full-content", "always", "--selector", "article .body",
                "--images", "link");
        assertThat(cli.queryString("SELECT concat_ws('|', full_content, article_selector, images)"
                + " FROM thc_trigger_settings WHERE trigger_id = " + id)).isEqualTo("always|article .body|link");

        Result set = cli.run("triggers", "set", Integer.toString(id), "--full-content", "never", "--interval", "30m");
        assertThat(set.exit()).as(set.toString()).isZero();
        assertThat(cli.queryString("SELECT concat_ws('|', full_content, article_selector, images, poll_interval_seconds)"
                + " FROM thc_trigger_settings WHERE trigger_id = " + id)).isEqualTo("never|article .body|link|1800");

        Result json = cli.run("triggers", "list", "--json");
        JsonNode t = new ObjectMapper().readTree(json.out()).get(0);
        assertThat(t.get("fullContent").asText()).isEqualTo("never");
        assertThat(t.get("selector").asText()).isEqualTo("article .body");
        assertThat(t.get("images").asText()).isEqualTo("link");
        assertThat(cli.run("triggers", "list").out()).contains("never article .body").contains("link");

        // 'default' and an empty selector go back to the service's settings.
        assertThat(cli.run("triggers", "set", Integer.toString(id), "--full-content", "default", "--selector", "",
                "--images", "default").exit()).isZero();
        assertThat(cli.queryString("SELECT concat_ws('|', full_content, article_selector, images, poll_interval_seconds)"
                + " FROM thc_trigger_settings WHERE trigger_id = " + id)).isEqualTo("1800");
        JsonNode back = new ObjectMapper().readTree(cli.run("triggers", "list", "--json").out()).get(0);
        assertThat(back.get("fullContent").isNull()).isTrue();
    }

    @Test
    void invalid_content_settings_are_refused_with_the_option_named_and_nothing_written() throws Exception {
        int id = add("--user", "alice", "--url", FEED);
        List<List<String>> bad = List.of(
                List.of("--full-content", "sometimes"),
                List.of("--images", "inline"),
                List.of("--selector", "div[[["),
                List.of("--interval", "5s"));
        for (List<String> option : bad) {
            Result r = cli.run("triggers", "set", Integer.toString(id), option.get(0), option.get(1));
            assertThat(r.exit()).as(option.toString()).isEqualTo(1);
            assertThat(r.err()).as(option.toString()).contains(option.get(0));
            Result added = cli.run("triggers", "add", "--user", "alice", "--url", FEED + "?x", option.get(0),
                    option.get(1));
            assertThat(added.exit()).as(option.toString()).isEqualTo(1);
        }
        assertThat(cli.queryInt("SELECT count(*) FROM thc_trigger_settings")).isZero();
        assertThat(cli.queryInt("SELECT count(*) FROM django_th_triggerservice")).isEqualTo(1);
        Result none = cli.run("triggers", "set", Integer.toString(id));
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).contains("nothing to set");
        assertThat(cli.run("triggers", "set", "999", "--images", "link").err()).contains("no trigger with id 999");
    }
}

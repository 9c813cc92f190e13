package org.triggerhappy.camel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triggerhappy.camel.cli.CliHarness.Result;
import org.triggerhappy.camel.testsupport.TestDatabase;

/** outbox list and outbox retry on a real database: what waits, why, since when; parked entries queued again. */
class OutboxCommandTest {
    @TempDir
    Path dataDir;
    CliHarness cli;
    int aliceTrigger;
    int bobTrigger;

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliHarness(TestDatabase.fresh(), dataDir);
        assertThat(cli.run("users", "add", "--username", "alice").exit()).isZero();
        assertThat(cli.run("users", "add", "--username", "bob").exit()).isZero();
        aliceTrigger = CliHarness.addedTriggerId(cli.run("triggers", "add", "--no-discover", "--user", "alice", "--url",
                "https://example.org/a.xml"));
        bobTrigger = CliHarness.addedTriggerId(cli.run("triggers", "add", "--no-discover", "--user", "bob", "--url",
                "https://example.org/b.xml"));
        // alice: one parked, one deferred after an error, one due; bob: one parked, one delivered
        queue(aliceTrigger, "alice", "k1", "Rejected note", "parked", "note rejected by Evernote: PERMANENT: invalid note", "0");
        queue(aliceTrigger, "alice", "k2", "Waiting note", "pending", "Evernote unavailable: TRANSIENT: HTTP 503", "3600");
        queue(aliceTrigger, "alice", "k3", "Fresh note", "pending", null, "0");
        queue(bobTrigger, "bob", "k4", "Bob's parked", "parked", "note rejected by Evernote: PERMANENT: the account's"
                + " notebook limit is reached", "0");
        queue(bobTrigger, "bob", "k5", "Bob's written", "delivered", null, "0");
    }

    private void queue(int trigger, String user, String key, String title, String state, String error, String inSeconds)
            throws Exception {
        cli.execute("INSERT INTO thc_outbox (trigger_id, user_id, feed_url, entry_key, title, state, last_error,"
                + " last_error_at, not_before, attempts) SELECT " + trigger + ", id, 'https://example.org/f', '" + key
                + "', '" + title.replace("'", "''") + "', '" + state + "', "
                + (error == null ? "NULL" : "'" + error.replace("'", "''") + "'")
                + ", now() - interval '5 minutes', now() + interval '" + inSeconds + " seconds', 4"
                + " FROM auth_user WHERE username = '" + user + "'");
    }

    @Test
    void list_shows_every_entry_not_yet_written_with_its_state_and_reason() {
        Result r = cli.run("outbox", "list");

        assertThat(r.exit()).as(r.toString()).isZero();
        String[] lines = r.out().split(System.lineSeparator());
        assertThat(lines[0]).startsWith("ID").contains("USER", "TRIGGER", "TITLE", "STATE", "REASON", "SINCE");
        assertThat(lines).hasSize(5);
        assertThat(r.out()).contains("Rejected note", "Waiting note", "Fresh note", "Bob's parked")
                .doesNotContain("Bob's written");
        assertThat(lineWith(lines, "Waiting note")).contains("alice", "deferred", "HTTP 503");
        assertThat(lineWith(lines, "Fresh note")).contains("due");
        assertThat(lineWith(lines, "Rejected note")).contains("parked", "invalid note");
    }

    @Test
    void list_filters_by_parked_and_user_and_speaks_json() throws Exception {
        Result r = cli.run("outbox", "list", "--parked", "--user", "alice", "--json");

        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode items = new ObjectMapper().readTree(r.out());
        assertThat(items).hasSize(1);
        JsonNode item = items.get(0);
        assertThat(item.get("user").asText()).isEqualTo("alice");
        assertThat(item.get("trigger").asInt()).isEqualTo(aliceTrigger);
        assertThat(item.get("title").asText()).isEqualTo("Rejected note");
        assertThat(item.get("state").asText()).isEqualTo("parked");
        assertThat(item.get("reason").asText()).isEqualTo("note rejected by Evernote: PERMANENT: invalid note");
        assertThat(item.get("since").asText()).endsWith("Z");
        assertThat(item.get("id").asLong()).isPositive();
    }

    @Test
    void retry_by_user_puts_only_that_users_parked_entries_back_and_says_how_many() throws Exception {
        Result r = cli.run("outbox", "retry", "--user", "bob");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out().trim()).isEqualTo("1 parked entry queued again");
        assertThat(cli.queryString("SELECT state || ' ' || attempts || ' ' || (not_before <= now())"
                + " FROM thc_outbox WHERE entry_key = 'k4'")).isEqualTo("pending 0 true");
        assertThat(cli.queryString("SELECT state FROM thc_outbox WHERE entry_key = 'k1'")).isEqualTo("parked");
        assertThat(cli.queryString("SELECT state FROM thc_outbox WHERE entry_key = 'k5'")).isEqualTo("delivered");
    }

    @Test
    void retry_by_id_and_all_leave_entries_that_are_not_parked_alone() throws Exception {
        long parked = cli.queryInt("SELECT id FROM thc_outbox WHERE entry_key = 'k1'");
        long delivered = cli.queryInt("SELECT id FROM thc_outbox WHERE entry_key = 'k5'");

        Result byId = cli.run("outbox", "retry", Long.toString(parked), Long.toString(delivered));
        assertThat(byId.out().trim()).isEqualTo("1 parked entry queued again");
        assertThat(cli.queryString("SELECT state FROM thc_outbox WHERE entry_key = 'k5'")).isEqualTo("delivered");

        Result all = cli.run("outbox", "retry", "--all");
        assertThat(all.out().trim()).isEqualTo("1 parked entry queued again");
        assertThat(cli.queryInt("SELECT count(*) FROM thc_outbox WHERE state = 'parked'")).isZero();
        assertThat(cli.run("outbox", "retry", "--all").out().trim()).isEqualTo("0 parked entries queued again");
    }

    @Test
    void retry_needs_exactly_one_choice_and_an_unknown_user_is_a_clear_error() {
        assertThat(cli.run("outbox", "retry").exit()).isEqualTo(1);
        assertThat(cli.run("outbox", "retry", "--all", "--user", "bob").exit()).isEqualTo(1);
        Result unknown = cli.run("outbox", "retry", "--user", "nobody");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("no user named 'nobody'");
        assertThat(cli.run("outbox", "list", "--user", "nobody").err()).contains("no user named 'nobody'");
    }

    private static String lineWith(String[] lines, String text) {
        for (String line : lines) {
            if (line.contains(text)) {
                return line;
            }
        }
        throw new AssertionError("no line with " + text);
    }
}

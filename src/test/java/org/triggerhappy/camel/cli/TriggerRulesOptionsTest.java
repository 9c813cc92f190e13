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

/** {@code triggers add|set --keep/--block/--clear-rules/--title-template}, against a real database. */
class TriggerRulesOptionsTest {
    private static final String FEED = "https://example.org/feed.xml";

    @TempDir
    Path dataDir;
    CliHarness cli;

    @BeforeEach
    void setUp() {
        cli = new CliHarness(TestDatabase.fresh(), dataDir);
        assertThat(cli.run("users", "add", "--username", "alice").exit()).isZero();
    }

    private String rules(int id) throws Exception {
        return cli.queryString("SELECT concat_ws(' | ', array_to_string(keep_rules, ','),"
                + " array_to_string(block_rules, ','), title_template) FROM thc_trigger_settings WHERE trigger_id = " + id);
    }

    @Test
    void add_stores_rules_in_order_and_the_template_and_set_appends_replaces_and_clears() throws Exception {
        Result added = cli.run("triggers", "add", "--no-discover", "--user", "alice", "--url", FEED,
                "--keep", "title=(?i)camel", "--keep", "category=Java", "--block", "any=Sponsored",
                "--title-template", "[{{feed}}] {{title}}");
        assertThat(added.exit()).as(added.toString()).isZero();
        int id = CliHarness.addedTriggerId(added);
        assertThat(rules(id)).isEqualTo("title=(?i)camel,category=Java | any=Sponsored | [{{feed}}] {{title}}");
        assertThat(cli.run("triggers", "list").out()).contains("2 keep, 1 block, title");
        JsonNode listed = new ObjectMapper().readTree(cli.run("triggers", "list", "--json").out()).get(0);
        assertThat(listed.get("keep").toString()).isEqualTo("[\"title=(?i)camel\",\"category=Java\"]");
        assertThat(listed.get("block").toString()).isEqualTo("[\"any=Sponsored\"]");
        assertThat(listed.get("titleTemplate").asText()).isEqualTo("[{{feed}}] {{title}}");

        assertThat(cli.run("triggers", "set", Integer.toString(id), "--block", "link=/ads/").exit()).isZero();
        assertThat(rules(id)).isEqualTo("title=(?i)camel,category=Java | any=Sponsored,link=/ads/ | [{{feed}}] {{title}}");

        assertThat(cli.run("triggers", "set", Integer.toString(id), "--clear-rules", "--keep", "author=Ada").exit())
                .isZero();
        assertThat(rules(id)).isEqualTo("author=Ada | [{{feed}}] {{title}}");

        assertThat(cli.run("triggers", "set", Integer.toString(id), "--clear-rules", "--title-template", "default")
                .exit()).isZero();
        assertThat(cli.queryInt("SELECT count(*) FROM thc_trigger_settings WHERE trigger_id = " + id
                + " AND keep_rules IS NULL AND block_rules IS NULL AND title_template IS NULL")).isEqualTo(1);
    }

    @Test
    void an_invalid_rule_exits_2_naming_it_and_writes_nothing() throws Exception {
        Result r = cli.run("triggers", "add", "--user", "alice", "--url", FEED, "--keep", "title=ok",
                "--block", "title=(unclosed");
        assertThat(r.exit()).isEqualTo(TriggerHappyCli.INVALID_INPUT).isEqualTo(2);
        assertThat(r.err()).contains("--block: rule 'title=(unclosed': invalid regex");
        assertThat(cli.queryInt("SELECT count(*) FROM django_th_triggerservice")).isZero();

        Result field = cli.run("triggers", "add", "--user", "alice", "--url", FEED, "--keep", "body=x");
        assertThat(field.exit()).isEqualTo(2);
        assertThat(field.err()).contains("rule 'body=x': unknown field 'body'");

        int id = CliHarness.addedTriggerId(cli.run("triggers", "add", "--no-discover", "--user", "alice", "--url",
                FEED, "--keep", "title=a"));
        Result set = cli.run("triggers", "set", Integer.toString(id), "--keep", "title=b", "--keep", "nofield");
        assertThat(set.exit()).isEqualTo(2);
        assertThat(set.err()).contains("rule 'nofield' has no '='");
        assertThat(rules(id)).as("the valid rule given with it is not written either").isEqualTo("title=a");
    }

    @Test
    void an_unknown_placeholder_exits_2_and_writes_nothing() throws Exception {
        int id = CliHarness.addedTriggerId(cli.run("triggers", "add", "--no-discover", "--user", "alice", "--url",
                FEED));
        Result r = cli.run("triggers", "set", Integer.toString(id), "--title-template", "{{title}} by {{writer}}",
                "--interval", "2h");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown placeholder {{writer}}");
        assertThat(cli.queryInt("SELECT count(*) FROM thc_trigger_settings WHERE trigger_id = " + id)).isZero();
    }
}

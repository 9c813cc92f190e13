package org.triggerhappy.camel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triggerhappy.camel.cli.CliHarness.Result;
import org.triggerhappy.camel.testsupport.TestDatabase;

class UsersCommandTest {
    @TempDir
    Path dataDir;
    CliHarness cli;

    @BeforeEach
    void setUp() {
        cli = new CliHarness(TestDatabase.fresh(), dataDir); // an empty database: no tables at all
    }

    @Test
    void add_on_an_empty_database_creates_the_tables_the_services_and_a_complete_user_row() throws Exception {
        Result r = cli.run("users", "add", "--username", "alice", "--email", "alice@example.org");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("user alice added");
        assertThat(cli.queryInt("SELECT count(*) FROM django_th_servicesactivated WHERE status"
                + " AND name IN ('ServiceRss', 'ServiceEvernote')")).isEqualTo(2);
        assertThat(cli.queryString("SELECT concat_ws('|', password, is_superuser, is_staff, is_active, email,"
                + " first_name, last_name, date_joined IS NOT NULL) FROM auth_user WHERE username = 'alice'"))
                .isEqualTo("!|f|f|t|alice@example.org|||t");
    }

    @Test
    void a_taken_name_fails_clearly_and_adds_nothing() throws Exception {
        assertThat(cli.run("users", "add", "--username", "alice").exit()).isZero();

        Result again = cli.run("users", "add", "--username", "alice", "--email", "other@example.org");

        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("error: a user named 'alice' exists already");
        assertThat(cli.queryInt("SELECT count(*) FROM auth_user")).isEqualTo(1);
    }

    @Test
    void names_and_addresses_django_would_refuse_are_refused() {
        for (String[] args : new String[][]{
                {"users", "add", "--username", "two words"},
                {"users", "add", "--username", "x".repeat(151)},
                {"users", "add", "--username", "bob", "--email", "not-an-address"},
                {"users", "add"}}) {
            Result r = cli.run(args);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(1);
            assertThat(r.err()).as(String.join(" ", args)).isNotBlank();
        }
    }

    @Test
    void list_shows_every_user_and_whether_a_token_is_stored_never_the_token() {
        cli.run("users", "add", "--username", "alice", "--email", "alice@example.org");
        cli.run("users", "add", "--username", "bob");
        cli.env("TH_TOKEN", "S=s1:U=1:secret-alice").run("tokens", "set", "--user", "alice");

        Result r = cli.run("users", "list");

        assertThat(r.exit()).isZero();
        assertThat(r.out().lines().toList()).hasSize(3);
        assertThat(r.out().lines().findFirst().orElseThrow()).contains("ID", "USERNAME", "EMAIL", "EVERNOTE TOKEN");
        assertThat(r.out()).containsPattern("alice\\s+alice@example.org\\s+yes\\s+0\\s+stored")
                .containsPattern("bob\\s+-\\s+yes\\s+0\\s+none")
                .doesNotContain("secret-alice");
    }

    @Test
    void list_on_an_empty_database_says_so() {
        Result r = cli.run("users", "list");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("no users");
    }
}

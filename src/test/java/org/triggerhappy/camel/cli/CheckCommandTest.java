package org.triggerhappy.camel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triggerhappy.camel.cli.CliHarness.Result;
import org.triggerhappy.camel.testsupport.ServiceFixture;

class CheckCommandTest {
    private static final String ALICE_TOKEN = "S=s1:U=a1:A=tok-alice-secret";
    private static final String CAROL_TOKEN = "S=s1:U=c3:A=tok-carol-secret";

    @TempDir
    Path dataDir;
    ServiceFixture f;
    CliHarness cli;

    @BeforeEach
    void setUp() throws Exception {
        f = new ServiceFixture(dataDir, false);
        cli = new CliHarness(f.db, dataDir).set("th.evernote.url", f.evernote.baseUrl()).set("th.evernote.timeout", "5s");
        f.evernote.addAccount(ALICE_TOKEN, "alice-evernote");
        f.evernote.addAccount(CAROL_TOKEN, "carol-evernote");
        f.admin.setEvernoteToken(f.admin.addUser("alice", ""), ALICE_TOKEN);
        f.admin.addUser("bob", ""); // no token
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void good_tokens_pass_a_missing_one_is_reported_and_fails_only_with_strict() {
        Result r = cli.run("check");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out().lines()).containsExactly(
                "configuration: OK",
                "database: OK (" + f.db.url() + " as " + f.db.user() + ", schema up to date)",
                "evernote token of alice: OK (Evernote user alice-evernote)",
                "evernote token of bob: MISSING: no token stored (tokens set --user bob)",
                "all checks passed");
        assertThat(r.all()).doesNotContain(ALICE_TOKEN).doesNotContain("secret");
        assertThat(f.evernote.calls("getUser")).isEqualTo(1);

        Result strict = cli.run("check", "--strict");
        assertThat(strict.exit()).isEqualTo(1);
        assertThat(strict.out()).contains("evernote token of bob: FAILED: no token stored");
        assertThat(strict.err()).isEqualTo("error: 1 check failed: evernote token of bob" + System.lineSeparator());
    }

    @Test
    void an_expired_token_fails_the_check_naming_the_user_without_printing_the_token() {
        f.admin.setEvernoteToken(f.admin.addUser("carol", ""), CAROL_TOKEN);
        f.evernote.expireToken(CAROL_TOKEN);

        Result r = cli.run("check");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("evernote token of alice: OK")
                .containsPattern("evernote token of carol: FAILED: AUTH_EXPIRED.*")
                .doesNotContain("all checks passed");
        assertThat(r.err()).contains("1 check failed: evernote token of carol");
        assertThat(r.all()).doesNotContain(CAROL_TOKEN).doesNotContain(ALICE_TOKEN).doesNotContain("secret");
    }

    @Test
    void an_unreachable_evernote_fails_every_token_check() {
        Result r = cli.set("th.evernote.url", "http://127.0.0.1:1").run("check");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("evernote token of alice: FAILED: TRANSIENT");
        assertThat(r.err()).contains("evernote token of alice");
    }

    @Test
    void a_bad_configuration_is_the_failed_check_and_nothing_else_is_tried() {
        Result r = cli.set("th.sink", "paper").run("check");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out().lines()).containsExactly("configuration: FAILED: TH_SINK=paper is not one of: evernote, enex");
        assertThat(r.err()).contains("1 check failed: configuration");
        assertThat(f.evernote.calls("getUser")).isZero();
    }

    @Test
    void an_unreachable_database_is_the_failed_check() {
        Result r = cli.set("th.db.url", "jdbc:postgresql://127.0.0.1:1/none?password=hidden").run("check");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("configuration: OK").contains("database: FAILED: cannot connect to the database");
        assertThat(r.err()).contains("1 check failed: database");
    }
}

package org.triggerhappy.camel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triggerhappy.camel.cli.CliHarness.Result;
import org.triggerhappy.camel.testsupport.TestDatabase;

class TokensCommandTest {
    private static final String TOKEN = "S=s1:U=9f:E=18d:C=18a:P=1cd:A=en-devtoken:V=2:H=0123456789abcdef";
    private static final String STORED = "SELECT coalesce(string_agg(token, ','), '') FROM django_th_userservice s"
            + " JOIN auth_user u ON u.id = s.user_id WHERE u.username = 'alice' AND s.name_id = 'ServiceEvernote'";

    @TempDir
    Path dataDir;
    CliHarness cli;

    @BeforeEach
    void setUp() {
        cli = new CliHarness(TestDatabase.fresh(), dataDir);
        assertThat(cli.run("users", "add", "--username", "alice").exit()).isZero();
    }

    @Test
    void a_token_on_standard_input_is_stored_in_the_evernote_row_and_never_printed_or_logged() throws Exception {
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        ByteArrayOutputStream processOutput = new ByteArrayOutputStream();
        Result r;
        try {
            // Log lines go to the process's stderr: capture it too.
            System.setOut(new PrintStream(processOutput, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(processOutput, true, StandardCharsets.UTF_8));
            r = cli.runWithInput(TOKEN + "\r\n", "tokens", "set", "--user", "alice");
        } finally {
            System.setOut(realOut);
            System.setErr(realErr);
        }

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("token stored for alice" + System.lineSeparator());
        assertThat(r.all()).doesNotContain(TOKEN).doesNotContain("0123456789abcdef");
        assertThat(processOutput.toString(StandardCharsets.UTF_8)).as("the log was captured")
                .isNotEmpty().doesNotContain("0123456789abcdef");
        assertThat(cli.queryString(STORED)).isEqualTo(TOKEN);
    }

    @Test
    void th_token_in_the_environment_is_used_before_standard_input_and_a_new_token_replaces_the_old() throws Exception {
        assertThat(cli.runWithInput("first-token\n", "tokens", "set", "--user", "alice").exit()).isZero();

        Result r = cli.env("TH_TOKEN", TOKEN).runWithInput("ignored-token\n", "tokens", "set", "--user", "alice");

        assertThat(r.exit()).isZero();
        assertThat(r.all()).doesNotContain(TOKEN);
        assertThat(cli.queryString(STORED)).as("one row, updated").isEqualTo(TOKEN);
    }

    @Test
    void an_empty_or_malformed_token_is_refused_without_quoting_it() throws Exception {
        Result empty = cli.runWithInput("\n", "tokens", "set", "--user", "alice");
        assertThat(empty.exit()).isEqualTo(1);
        assertThat(empty.err()).contains("empty token");

        Result none = cli.runWithInput("", "tokens", "set", "--user", "alice");
        assertThat(none.exit()).isEqualTo(1);

        Result spaced = cli.runWithInput("secret part two\n", "tokens", "set", "--user", "alice");
        assertThat(spaced.exit()).isEqualTo(1);
        assertThat(spaced.all()).doesNotContain("secret");

        Result tooLong = cli.runWithInput("k".repeat(256) + "\n", "tokens", "set", "--user", "alice");
        assertThat(tooLong.exit()).isEqualTo(1);
        assertThat(tooLong.err()).contains("255").doesNotContain("kkkk");

        assertThat(cli.queryString(STORED)).isEmpty();
    }

    @Test
    void the_token_is_never_taken_from_an_argument() throws Exception {
        Result r = cli.run("tokens", "set", "--user", "alice", TOKEN);

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("standard input or in TH_TOKEN");
        assertThat(r.all()).doesNotContain(TOKEN);
        assertThat(cli.queryString(STORED)).isEmpty();
    }

    @Test
    void an_unknown_user_fails_with_exit_1() {
        Result r = cli.runWithInput(TOKEN + "\n", "tokens", "set", "--user", "nobody");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("no user named 'nobody'").doesNotContain(TOKEN);
    }
}

package org.triggerhappy.camel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triggerhappy.camel.cli.CliHarness.Result;
import org.triggerhappy.camel.entries.OpmlSubscriptions;
import org.triggerhappy.camel.entries.OpmlSubscriptions.Subscription;
import org.triggerhappy.camel.testsupport.TestDatabase;

/** {@code triggers import} and {@code triggers export} on OPML files, against a real database. */
class OpmlCommandsTest {
    private static final String OPML2 = """
            <?xml version="1.0" encoding="UTF-8"?>
            <opml version="2.0">
              <head><title>My feeds</title></head>
              <body>
                <outline text="Tech">
                  <outline text="Java" title="Java news">
                    <outline type="rss" text="Inside Java" xmlUrl="https://example.org/java.xml" category="/Lang/JVM"/>
                  </outline>
                  <outline type="rss" text="Camel blog" xmlUrl="https://example.org/camel.xml"/>
                </outline>
                <outline type="rss" text="Already there" xmlUrl="https://example.org/feed.xml"/>
                <outline type="rss" text="Twice" xmlUrl="https://example.org/camel.xml"/>
                <outline type="rss" text="Gopher" xmlUrl="gopher://example.org/feed"/>
                <outline text="A plain link" url="https://example.org/page"/>
              </body>
            </opml>
            """;

    @TempDir
    Path dataDir;
    CliHarness cli;

    @BeforeEach
    void setUp() {
        cli = new CliHarness(TestDatabase.fresh(), dataDir);
        assertThat(cli.run("users", "add", "--username", "alice").exit()).isZero();
        assertThat(cli.run("users", "add", "--username", "bob").exit()).isZero();
    }

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dataDir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private String trigger(String url) throws Exception {
        return cli.queryString("SELECT concat_ws('|', t.description, e.notebook, e.tag, t.status)"
                + " FROM django_th_triggerservice t JOIN django_th_rss r ON r.trigger_id = t.id"
                + " JOIN django_th_evernote e ON e.trigger_id = t.id JOIN auth_user u ON u.id = t.user_id"
                + " WHERE u.username = 'alice' AND r.url = '" + url + "'");
    }

    @Test
    void import_adds_nested_feeds_with_folder_and_category_tags_and_skips_and_reports_the_rest() throws Exception {
        cli.run("triggers", "add", "--no-discover", "--user", "alice", "--url", "https://example.org/feed.xml");
        // bob's subscription does not count as alice's
        cli.run("triggers", "add", "--no-discover", "--user", "bob", "--url", "https://example.org/java.xml");

        Result r = cli.run("triggers", "import", "--user", "alice", "--notebook", "Feeds", "--tags", "opml",
                file("feeds.opml", OPML2).toString());

        assertThat(r.exit()).as(r.toString()).isEqualTo(TriggerHappyCli.USER_ERROR);
        assertThat(r.out()).contains("added   https://example.org/java.xml (trigger ")
                .contains("added   https://example.org/camel.xml (trigger ")
                .contains("skipped https://example.org/feed.xml (already subscribed)")
                .contains("skipped https://example.org/camel.xml (already subscribed)")
                .contains("failed  gopher://example.org/feed ('gopher://example.org/feed' must start with http://"
                        + " or https://)")
                .endsWith("2 added, 2 skipped, 1 failed" + System.lineSeparator());
        assertThat(trigger("https://example.org/java.xml")).isEqualTo("Inside Java|Feeds|opml, Tech, Java news, Lang, JVM|t");
        assertThat(trigger("https://example.org/camel.xml")).isEqualTo("Camel blog|Feeds|opml, Tech|t");
        assertThat(cli.queryInt("SELECT count(*) FROM django_th_triggerservice")).isEqualTo(4);
    }

    @Test
    void opml_1_0_is_read_too() throws Exception {
        Result r = cli.run("triggers", "import", "--user", "alice", file("old.opml", """
                <?xml version="1.0"?>
                <opml version="1.0"><head><title>old</title></head><body>
                  <outline title="News"><outline type="rss" title="Old feed" text="x" xmlUrl="http://example.org/rss"/></outline>
                </body></opml>
                """).toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).endsWith("1 added, 0 skipped, 0 failed" + System.lineSeparator());
        assertThat(trigger("http://example.org/rss")).isEqualTo("Old feed||News|t");
    }

    @Test
    void a_malformed_file_exits_2_and_writes_nothing() throws Exception {
        Path broken = file("broken.opml", OPML2.replace("</body>", ""));
        Result r = cli.run("triggers", "import", "--user", "alice", broken.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("broken.opml: XML error at line").contains("nothing imported");
        Result rss = cli.run("triggers", "import", "--user", "alice",
                file("feed.xml", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel/></rss>").toString());
        assertThat(rss.exit()).isEqualTo(2);
        assertThat(rss.err()).contains("not an OPML file: root element <rss>");
        Result missing = cli.run("triggers", "import", "--user", "alice", dataDir.resolve("none.opml").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("cannot read");
        assertThat(cli.queryInt("SELECT count(*) FROM django_th_triggerservice")).isZero();
    }

    @Test
    void export_writes_opml_2_that_import_reads_back_with_notebook_and_tags() throws Exception {
        cli.run("triggers", "add", "--no-discover", "--user", "alice", "--url", "https://example.org/a.xml",
                "--notebook", "Tech", "--tags", "java, camel", "--description", "Feed A & more");
        cli.run("triggers", "add", "--no-discover", "--user", "alice", "--url", "https://example.org/b.xml?x=1&y=2");
        cli.run("triggers", "add", "--no-discover", "--user", "bob", "--url", "https://example.org/bob.xml");

        Result export = cli.run("triggers", "export", "--user", "alice");

        assertThat(export.exit()).as(export.toString()).isZero();
        assertThat(export.out()).contains("<opml version=\"2.0\">").doesNotContain("bob.xml");
        List<Subscription> subs = OpmlSubscriptions.read(export.out().getBytes(StandardCharsets.UTF_8));
        assertThat(subs).containsExactly(
                new Subscription("https://example.org/a.xml", "Feed A & more", List.of("java", "camel"), "Tech"),
                new Subscription("https://example.org/b.xml?x=1&y=2", "https://example.org/b.xml?x=…&y=…", List.of(),
                        null));

        Result back = cli.run("triggers", "import", "--user", "bob", file("alice.opml", export.out()).toString());
        assertThat(back.out()).endsWith("2 added, 0 skipped, 0 failed" + System.lineSeparator());
        assertThat(cli.queryString("SELECT concat_ws('|', e.notebook, e.tag) FROM django_th_evernote e"
                + " JOIN django_th_rss r ON r.trigger_id = e.trigger_id JOIN django_th_triggerservice t ON t.id ="
                + " e.trigger_id JOIN auth_user u ON u.id = t.user_id WHERE u.username = 'bob'"
                + " AND r.url = 'https://example.org/a.xml'")).isEqualTo("Tech|java, camel");
        assertThat(cli.run("triggers", "export", "--user", "nobody").exit()).isEqualTo(TriggerHappyCli.USER_ERROR);
    }
}

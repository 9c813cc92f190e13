package org.triggerhappy.camel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triggerhappy.camel.cli.CliHarness.Result;
import org.triggerhappy.camel.testsupport.Rss;
import org.triggerhappy.camel.testsupport.TestDatabase;
import org.triggerhappy.camel.testsupport.TestFeedServer;
import org.triggerhappy.camel.testsupport.TestImages;

/**
 * {@code triggers preview --url}: any feed, with the rules, template and settings given as flags and the service's
 * defaults for the others; the database is not even opened. Everything the file shows from the feed is escaped.
 */
class UrlPreviewTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final String HOSTILE_TITLE = "&lt;script&gt;document.title='pwned'&lt;/script&gt; Camel tricks";

    @TempDir
    Path dataDir;
    TestFeedServer feeds;
    CliHarness cli;
    String url;

    @BeforeEach
    void setUp() throws Exception {
        feeds = new TestFeedServer();
        feeds.put("/img/logo.png", TestImages.png(64, 64, 3), "image/png");
        url = feeds.put("/feed.xml", Rss.feed()
                .item("1", "Camel routes in practice", "http://example.org/1", NOW.minus(1, ChronoUnit.HOURS),
                        "<p>Routes <b>everywhere</b>.</p><img src=\"" + feeds.url("/img/logo.png") + "\" alt=\"logo\">")
                .item("2", "Sponsored camel safari", "http://example.org/2", NOW.minus(2, ChronoUnit.HOURS),
                        "<p>Book now.</p>")
                .item("3", "Gardening in winter", "http://example.org/3", NOW.minus(3, ChronoUnit.HOURS),
                        "<p>Mulch.</p>")
                .item("4", HOSTILE_TITLE, "http://example.org/4", NOW.minus(4, ChronoUnit.HOURS),
                        "<p onclick=\"document.title='pwned'\">Careful.</p><script>document.title='pwned'</script>")
                .xml());
        // The database named here is never opened by a --url preview: it stays empty.
        cli = new CliHarness(TestDatabase.fresh(), dataDir).set("th.allow.private.networks", feeds.hostPort())
                .set("th.fetch.timeout", "5s");
    }

    @AfterEach
    void tearDown() {
        feeds.close();
    }

    @Test
    void keep_block_and_title_template_flags_shape_the_preview_of_any_feed() throws Exception {
        Path out = dataDir.resolve("sub/dir/preview.html");

        Result r = cli.run("triggers", "preview", "--url", url, "--keep", "title=(?i)camel", "--block",
                "title=(?i)sponsored", "--title-template", "{{feed}}: {{title}} ({{date}})", "--notebook", "Feeds",
                "--tags", "rss, camel", "--images", "link", "--out", out.toString());

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out().strip()).isEqualTo(out.toAbsolutePath().toString());
        assertThat(r.err().strip()).isEqualTo("4 entries: 2 notes, 2 filtered out");
        String date = NOW.minus(1, ChronoUnit.HOURS).atZone(ZoneOffset.UTC).toLocalDate().toString();
        String html = Files.readString(out);
        Document d = Jsoup.parse(html);
        assertThat(d.select("article.note h2").eachText()).containsExactly(
                "Test feed: Camel routes in practice (" + date + ")",
                "Test feed: <script>document.title='pwned'</script> Camel tricks ("
                        + NOW.minus(4, ChronoUnit.HOURS).atZone(ZoneOffset.UTC).toLocalDate() + ")");
        // Block rules first: the sponsored entry matches a keep rule too, and is still removed.
        assertThat(d.select("article.filtered").eachText()).satisfiesExactly(
                s -> assertThat(s).startsWith("Sponsored camel safari").contains("block rule title=(?i)sponsored"),
                s -> assertThat(s).startsWith("Gardening in winter").contains("no keep rule matched"));
        Element first = d.selectFirst("article.note");
        assertThat(first.select("table.meta td").eachText()).contains("Feeds", "the feed's content",
                "0 stored in the note, 1 remote");
        assertThat(first.select(".tag").eachText()).containsExactly("rss", "camel");
        assertThat(first.selectFirst("a.remote-image").attr("href")).isEqualTo(feeds.url("/img/logo.png"));
        assertThat(first.selectFirst(".body b").text()).isEqualTo("everywhere");
        assertThat(d.select("#settings td").eachText()).contains("title=(?i)camel", "title=(?i)sponsored",
                "{{feed}}: {{title}} ({{date}})", "link (remote images)");
        // Nothing from the feed is markup on the page; the policy allows no script and no remote load at all.
        assertThat(d.select("script, img, [onclick]")).isEmpty();
        assertThat(d.title()).isEqualTo("Preview: Test feed");
        assertThat(html).contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt; Camel tricks");
        assertThat(d.selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content"))
                .isEqualTo("default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none';"
                        + " form-action 'none'");
        assertThat(feeds.requests("/img/logo.png")).isZero();
        assertThat(cli.queryInt("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"))
                .isZero();
    }

    @Test
    void without_flags_the_service_defaults_apply_and_limit_shows_the_first_entries() throws Exception {
        cli.set("th.images", "embed");
        Path out = dataDir.resolve("limited.html");

        Result r = cli.run("triggers", "preview", "--url", url, "--limit", "2", "--out", out.toString());

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err().strip()).isEqualTo("first 2 of 4 entries: 2 notes, 0 filtered out");
        Document d = Jsoup.parse(out.toFile());
        assertThat(d.select("article.note h2").eachText())
                .containsExactly("Camel routes in practice", "Sponsored camel safari");
        Element first = d.selectFirst("article.note");
        assertThat(first.select("table.meta td").eachText()).contains("(the account's default notebook)", "(none)",
                "1 stored in the note, 0 remote");
        assertThat(first.selectFirst(".body img").attr("src")).startsWith("data:image/png;base64,");
        assertThat(d.select("#settings td").eachText()).contains("never", "(none)", "(the entry's own title)");
        assertThat(feeds.requests("/img/logo.png")).isEqualTo(1);
    }

    @Test
    void a_url_that_is_not_a_feed_url_exits_1_and_a_page_that_is_not_a_feed_names_the_problem() {
        Result bad = cli.run("triggers", "preview", "--url", "ftp://example.org/feed.xml");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("must start with http:// or https://");

        String page = feeds.put("/page.html", "<html><body>not a feed</body></html>", "text/html");
        Result notFeed = cli.run("triggers", "preview", "--url", page, "--out", dataDir.resolve("x.html").toString());
        assertThat(notFeed.exit()).isEqualTo(1);
        assertThat(notFeed.err()).startsWith("error: " + page + ": feed error:");
        assertThat(dataDir.resolve("x.html")).doesNotExist();
    }
}

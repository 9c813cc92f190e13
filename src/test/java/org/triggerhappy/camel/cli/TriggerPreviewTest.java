package org.triggerhappy.camel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triggerhappy.camel.cli.CliHarness.Result;
import org.triggerhappy.camel.testsupport.HeadlessChromium;
import org.triggerhappy.camel.testsupport.Rss;
import org.triggerhappy.camel.testsupport.ServiceFixture;

/**
 * {@code triggers preview ID}: the feed and its pages and images served on loopback, a real PostgreSQL, the real
 * SDK against the local Evernote for the cycle before; the preview file opened in headless Chromium. Nothing is
 * written anywhere but the file.
 */
class TriggerPreviewTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path dataDir;
    @TempDir
    Path browserDir;
    ServiceFixture f;
    CliHarness cli;
    int alice;

    @BeforeEach
    void setUp() throws Exception {
        f = new ServiceFixture(dataDir, true);
        alice = f.addEvernoteUser("alice");
        cli = new CliHarness(f.db, dataDir).set("th.allow.private.networks", f.feeds.hostPort())
                .set("th.fetch.timeout", "5s").set("th.full.content", "auto").set("th.images", "embed");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void the_preview_shows_each_note_and_the_filtered_entry_in_a_browser_and_writes_nothing_else() throws Exception {
        int id = f.admin.addTrigger(alice, "Camel news", PreviewFixture.serve(f.feeds, NOW), "Tech News",
                "camel, java", ServiceFixture.twoDaysAgo());
        assertThat(cli.run("triggers", "set", Integer.toString(id), "--block", "title=(?i)sponsored",
                "--title-template", "[{{feed}}] {{title}}").exit()).isZero();
        Map<String, String> before = PreviewFixture.tables(f.ds);

        Result r = cli.run("triggers", "preview", Integer.toString(id));

        assertThat(r.exit()).as(r.toString()).isZero();
        Path file = Path.of(r.out().strip());
        assertThat(file).exists().startsWith(dataDir.resolve("preview"));
        assertThat(file.getFileName().toString()).matches("trigger-" + id + "-\\d{8}-\\d{6}\\.html");
        assertThat(r.err().strip()).isEqualTo("4 entries: 3 notes, 1 filtered out");
        // Not the ledger, not the outbox, not the feed state, not django-th's tables, not Evernote.
        assertThat(PreviewFixture.tables(f.ds)).isEqualTo(before);
        assertThat(f.queryInt("SELECT count(*) FROM thc_entry") + f.queryInt("SELECT count(*) FROM thc_outbox"))
                .isZero();
        assertThat(f.evernote.totalCalls()).isZero();

        HeadlessChromium chromium = new HeadlessChromium(browserDir);
        Document d = Jsoup.parse(chromium.dumpDom(file.toUri().toString()));
        assertThat(d.title()).isEqualTo("Preview: " + PreviewFixture.FEED_TITLE);
        assertThat(d.selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content"))
                .isEqualTo(PreviewPage.CSP);
        assertThat(d.select("article.note h2.title").eachText()).containsExactly(
                "[Camel Riders Weekly] " + PreviewFixture.RELEASE, "[Camel Riders Weekly] " + PreviewFixture.RECORDS,
                "[Camel Riders Weekly] " + PreviewFixture.PI);
        Element filtered = d.selectFirst("article.filtered");
        assertThat(filtered.selectFirst("h2").text()).isEqualTo(PreviewFixture.SPONSORED);
        assertThat(filtered.selectFirst("code.rule").text()).isEqualTo("block rule title=(?i)sponsored");
        assertThat(d.selectFirst("#summary").text()).isEqualTo("4 entries: 3 notes, 1 filtered out");

        Element release = d.select("article.note").get(0);
        assertThat(meta(release, "notebook")).isEqualTo("Tech News");
        assertThat(release.select(".tags .tag").eachText()).containsExactly("camel", "java");
        assertThat(meta(release, "content")).isEqualTo("the linked page's article");
        assertThat(meta(release, "images")).isEqualTo("2 stored in the note, 0 remote");
        String body = release.selectFirst(".body").text();
        assertThat(body).contains(PreviewFixture.RELEASE_SENTENCE).doesNotContain("Read on.")
                .contains("Provided by " + PreviewFixture.FEED_TITLE);
        for (String b : PreviewFixture.AROUND) {
            assertThat(body).doesNotContain(b);
        }
        Element records = d.select("article.note").get(1);
        assertThat(meta(records, "content")).isEqualTo("the feed's content");
        assertThat(records.selectFirst(".body").text()).contains(PreviewFixture.RECORDS_TEXT.strip());
        Element pi = d.select("article.note").get(2);
        assertThat(meta(pi, "images")).isEqualTo("0 stored in the note, 1 remote");
        assertThat(pi.selectFirst("a.remote-image").attr("href")).isEqualTo(f.feeds.url("/img/pi.png"));
        assertThat(d.select("img").eachAttr("src")).hasSize(3).allMatch(s -> s.startsWith("data:image/"));

        // The images really render: each one's natural size as the browser decoded it.
        JsonNode sizes = imageSizes(chromium, Files.readAllBytes(file));
        assertThat(sizes.toString()).isEqualTo("[[480,200],[480,240],[320,120]]");

        Path png = chromium.screenshot(file.toUri().toString(), 1000, 2600, "preview.png");
        assertRendered(png);
        String keep = System.getProperty("th.preview.screenshot");
        if (keep != null) {
            Files.copy(png, Path.of(keep), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void after_a_real_cycle_entries_already_seen_are_marked_and_nothing_changes() throws Exception {
        String feed = f.feeds.put("/alice.xml", Rss.feed()
                .item("a1", "One", "http://example.org/1", NOW.minus(1, ChronoUnit.HOURS), "<p>first</p>")
                .item("a2", "Two", "http://example.org/2", NOW.minus(2, ChronoUnit.HOURS), "<p>second</p>")
                .xml());
        int id = f.admin.addTrigger(alice, "Alice", feed, "", "", ServiceFixture.twoDaysAgo());
        f.runOnce();
        assertThat(f.noteTitles("tok-alice")).containsExactly("One", "Two");
        f.feeds.put("/alice.xml", Rss.feed()
                .item("a3", "Three", "http://example.org/3", NOW, "<p>third</p>")
                .item("a1", "One", "http://example.org/1", NOW.minus(1, ChronoUnit.HOURS), "<p>first</p>")
                .item("a2", "Two", "http://example.org/2", NOW.minus(2, ChronoUnit.HOURS), "<p>second</p>")
                .xml());
        Map<String, String> before = PreviewFixture.tables(f.ds);
        int calls = f.evernote.totalCalls();
        Path out = dataDir.resolve("alice.html");

        // A rule tried before 'triggers set': it applies to this preview only.
        Result r = cli.run("triggers", "preview", Integer.toString(id), "--block", "title=^Two$", "--full-content",
                "never", "--out", out.toString());

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out().strip()).isEqualTo(out.toAbsolutePath().toString());
        assertThat(r.err().strip()).isEqualTo("3 entries: 2 notes, 1 filtered out, 2 already seen");
        Document d = Jsoup.parse(out.toFile());
        assertThat(d.select("article h2").eachText()).containsExactly("Three", "One", "Two");
        assertThat(d.select("article.seen h2").eachText()).containsExactly("One", "Two");
        assertThat(d.selectFirst("article.filtered code.rule").text()).isEqualTo("block rule title=^Two$");
        assertThat(d.select("#settings td").eachText()).contains("never", "title=^Two$");
        assertThat(PreviewFixture.tables(f.ds)).isEqualTo(before);
        assertThat(cli.queryInt("SELECT count(*) FROM thc_trigger_settings")).isZero();
        assertThat(f.evernote.totalCalls()).isEqualTo(calls);
        assertThat(f.noteTitles("tok-alice")).containsExactly("One", "Two");
    }

    @Test
    void wrong_requests_exit_1_invalid_rules_exit_2_and_no_file_is_written() throws Exception {
        String feed = f.feeds.put("/gone.xml", Rss.feed().xml());
        f.feeds.fail("/gone.xml", 404);
        int id = f.admin.addTrigger(alice, "Gone", feed, "", "", ServiceFixture.twoDaysAgo());
        Path out = dataDir.resolve("never.html");

        Result neither = cli.run("triggers", "preview");
        assertThat(neither.exit()).isEqualTo(1);
        assertThat(neither.err()).contains("give a trigger ID or --url URL");
        assertThat(cli.run("triggers", "preview", Integer.toString(id), "--url", feed).exit()).isEqualTo(1);
        Result unknown = cli.run("triggers", "preview", "999", "--out", out.toString());
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("no trigger with id 999");
        Result badRule = cli.run("triggers", "preview", Integer.toString(id), "--keep", "title=(", "--out",
                out.toString());
        assertThat(badRule.exit()).isEqualTo(2);
        assertThat(badRule.err()).contains("--keep: rule 'title=('");
        assertThat(cli.run("triggers", "preview", Integer.toString(id), "--limit", "0").exit()).isEqualTo(1);
        Result gone = cli.run("triggers", "preview", Integer.toString(id), "--out", out.toString());
        assertThat(gone.exit()).isEqualTo(1);
        assertThat(gone.err().strip()).isEqualTo("error: " + feed + ": feed error: HTTP 404 Not Found");
        assertThat(out).doesNotExist();
        assertThat(f.queryString("SELECT coalesce(result, '') FROM django_th_triggerservice WHERE id = " + id))
                .doesNotContain("404");
    }

    private static String meta(Element note, String name) {
        for (Element row : note.select("table.meta tr")) {
            if (row.selectFirst("th").text().equals(name)) {
                return row.selectFirst("td").text();
            }
        }
        throw new AssertionError("no " + name + " row in " + note);
    }

    /**
     * The preview in an iframe of a page served on loopback with it (same origin, so the page's script may read the
     * preview's images; the preview itself runs none): each inline image's natural width and height.
     */
    private JsonNode imageSizes(HeadlessChromium chromium, byte[] preview) throws Exception {
        f.feeds.put("/preview.html", preview, "text/html; charset=utf-8");
        String harness = f.feeds.put("/harness.html", "<!DOCTYPE html><html><body><pre id=\"sizes\">none</pre>"
                + "<iframe id=\"p\" src=\"/preview.html\" width=\"1000\" height=\"800\"></iframe><script>"
                + "window.addEventListener('load', function () {"
                + " var imgs = document.getElementById('p').contentDocument.querySelectorAll('article.note img');"
                + " document.getElementById('sizes').textContent = JSON.stringify(Array.from(imgs).map("
                + "  function (i) { return [i.naturalWidth, i.naturalHeight]; }));"
                + "});</script></body></html>", "text/html; charset=utf-8");
        Document d = Jsoup.parse(chromium.dumpDom(harness));
        return new ObjectMapper().readTree(d.selectFirst("#sizes").text());
    }

    /** A real rendering: a PNG of the window's size with text and the images' colours on it. */
    private static void assertRendered(Path png) throws Exception {
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(1000);
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        long dark = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                if (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff) < 200) {
                    dark++;
                }
            }
        }
        assertThat(colours.size()).as("distinct colours").isGreaterThan(20);
        assertThat(dark).as("dark (text) pixels").isGreaterThan(2_000);
    }
}

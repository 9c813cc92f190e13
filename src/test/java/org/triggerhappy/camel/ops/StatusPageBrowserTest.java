package org.triggerhappy.camel.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triggerhappy.camel.testsupport.HeadlessChromium;
import org.triggerhappy.camel.testsupport.Rss;
import org.triggerhappy.camel.testsupport.ServiceFixture;

/**
 * The status page of a running service, loaded in a real headless browser (Debian's chromium) after a real
 * cycle: every trigger with its figures, the paused user and why, the outbox; hostile text shown as text; no
 * token or feed key on the page; behind basic authentication (nothing shown without the password).
 */
class StatusPageBrowserTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final String HOSTILE = "<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">";

    @TempDir
    Path dataDir;
    @TempDir
    Path browserDir;
    ServiceFixture f;
    int alice;
    int bob;
    int tAlice;
    int tBob;
    int tCarol;
    int tDave;

    @BeforeEach
    void setUp() throws Exception {
        f = new ServiceFixture(dataDir, true);
        LocalDate created = LocalDate.ofInstant(NOW, ZoneOffset.UTC).minusDays(2);
        f.evernote.addAccount("tok-alice-SECRET", "alice");
        alice = f.admin.addUser("alice", "a@example.org");
        bob = f.admin.addUser("bob", "b@example.org");
        int carol = f.admin.addUser("carol", "c@example.org");
        int dave = f.admin.addUser("dave", "d@example.org");
        f.admin.setEvernoteToken(alice, "tok-alice-SECRET");
        f.admin.setEvernoteToken(dave, "tok-dave-SECRET");
        tAlice = f.admin.addTrigger(alice, "Alice <b>tech</b>", f.feeds.put("/alice", Rss.feed()
                .item("a1", "One", "http://example.org/1", NOW.minus(1, ChronoUnit.HOURS), "<p>1</p>")
                .item("a2", "Two", "http://example.org/2", NOW.minus(2, ChronoUnit.HOURS), "<p>2</p>")
                .xml()) + "?key=FEEDKEY123", "", "", created);
        tBob = f.admin.addTrigger(bob, "Bob news", f.feeds.put("/bob", Rss.feed()
                .item("b1", "Bob's", "http://example.org/b1", NOW.minus(1, ChronoUnit.HOURS), "<p>b</p>")
                .xml()), "", "", created);
        String carolFeed = f.feeds.put("/carol", "unused");
        f.feeds.fail("/carol", 404);
        tCarol = f.admin.addTrigger(carol, "Carol", carolFeed, "", "", created);
        // Switched off in django-th, with a result django-th (or anyone with database access) wrote.
        tDave = f.admin.addTrigger(dave, "Dave " + HOSTILE, f.feeds.put("/dave", Rss.feed().xml()), "", "", created);
        f.admin.setTriggerStatus(tDave, false);
        f.execute("UPDATE django_th_triggerservice SET result = '" + HOSTILE.replace("'", "''") + "' WHERE id = " + tDave);
        f.set("th.http.user", "ops").set("th.http.password", "PAGE-PASSWORD-SECRET");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void shows_every_trigger_paused_users_and_the_outbox_in_a_real_browser() throws Exception {
        HeadlessChromium chromium = new HeadlessChromium(browserDir);
        try (RunningService s = new RunningService(f)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> f.evernote.notes("tok-alice-SECRET").size() == 2
                    && f.queryInt("SELECT count(*) FROM thc_user_pause") == 1
                    && f.queryInt("SELECT count(*) FROM thc_feed_state WHERE consecutive_failures > 0") == 1);
            // Without credentials the browser shows none of the page (headless chromium cancels the prompt).
            String denied = chromium.dumpDom("http://127.0.0.1:" + s.httpPort + "/");
            assertThat(denied).doesNotContain("TriggerHappy Camel status").doesNotContain("alice")
                    .doesNotContain("<table");
            String url = "http://ops:PAGE-PASSWORD-SECRET@127.0.0.1:" + s.httpPort + "/";

            String dom = chromium.dumpDom(url);
            Document d = Jsoup.parse(dom);

            // Hostile text was shown, not run: no script or img element, and the title is still ours.
            assertThat(d.title()).isEqualTo("TriggerHappy Camel status");
            assertThat(d.select("script, img, b")).isEmpty();
            assertThat(dom).doesNotContainIgnoringCase("<script").contains("&lt;script&gt;document.title=");
            // Secrets never reach the page.
            assertThat(dom).doesNotContain("SECRET").doesNotContain("FEEDKEY123");

            assertThat(d.select("table#triggers tbody tr")).hasSize(4);
            Element a = row(d, tAlice);
            assertThat(cells(a)).startsWith(Integer.toString(tAlice), "alice", "Alice <b>tech</b>",
                    f.feeds.url("/alice") + "?key=…");
            assertThat(a.select("td").get(4).text()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\(\\d+ (s|min) ago\\)");
            assertThat(a.select("td").get(5).text()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\(in \\d+ (h \\d+ )?min\\)");
            assertThat(a.select("td").get(6).text()).contains("OK").contains("feed: 200");
            assertThat(cells(a)).endsWith("2", "2", "0", "0", "0"); // entries seen, written, failed, waiting, parked

            Element b = row(d, tBob);
            assertThat(cells(b)).endsWith("1", "0", "1", "1", "0");
            assertThat(b.select("td").get(6).text()).contains("no Evernote token");

            Element c = row(d, tCarol);
            assertThat(c.select("td.result").hasClass("err")).isTrue();
            assertThat(c.select("td").get(6).text()).contains("404").contains("failed 1 time");

            Element dv = row(d, tDave);
            assertThat(dv.hasClass("off")).isTrue();
            assertThat(dv.select("td").get(2).text()).isEqualTo("Dave " + HOSTILE + " (switched off in django-th)");
            assertThat(dv.select("td").get(4).text()).isEqualTo("never");
            assertThat(dv.select("td").get(6).text()).isEqualTo(HOSTILE);

            Element paused = d.selectFirst("table#paused-users tr[data-user-id=" + bob + "]");
            assertThat(paused).isNotNull();
            assertThat(paused.select("td").get(0).text()).isEqualTo("bob");
            assertThat(paused.select("td").get(1).text()).isEqualTo("Evernote token");
            assertThat(paused.select("td").get(3).text()).isEqualTo("until the token is renewed");
            assertThat(paused.select("td").get(4).text()).isEqualTo("1");
            assertThat(paused.select("td").get(5).text()).contains("no Evernote token");

            assertThat(d.selectFirst("#summary-outbox-pending").text()).isEqualTo("1 note waiting (0 due now)");
            assertThat(d.selectFirst("#summary-users-paused").text()).isEqualTo("1");
            assertThat(d.selectFirst("#summary-triggers").text()).isEqualTo("4 (3 active, 1 failing)");

            Path png = chromium.screenshot(url, 1400, 900);
            assertRendered(png);
        }
    }

    private static Element row(Document d, int triggerId) {
        Element e = d.selectFirst("table#triggers tr[data-trigger-id=" + triggerId + "]");
        assertThat(e).as("row of trigger %d", triggerId).isNotNull();
        return e;
    }

    private static String[] cells(Element row) {
        return row.select("td").eachText().toArray(String[]::new);
    }

    /** A real rendering: a PNG of the window's size with text on it, not a blank or error page. */
    private static void assertRendered(Path png) throws Exception {
        assertThat(png).exists();
        assertThat(Files.size(png)).isGreaterThan(10_000);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(1400);
        Set<Integer> colours = new HashSet<>();
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

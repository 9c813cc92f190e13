package org.triggerhappy.camel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triggerhappy.camel.cli.CliHarness.Result;
import org.triggerhappy.camel.testsupport.Rss;
import org.triggerhappy.camel.testsupport.TestDatabase;
import org.triggerhappy.camel.testsupport.TestFeedServer;

/** {@code triggers add --url} with a web page finds its feed, over real HTTP on loopback, into a real database. */
class TriggerAddDiscoveryTest {
    private static final String HTML = "text/html; charset=utf-8";
    private static final String NL = System.lineSeparator();

    @TempDir
    Path dataDir;
    TestFeedServer site;
    CliHarness cli;

    @BeforeEach
    void setUp() throws IOException {
        site = new TestFeedServer();
        // Only this server's port is allowed: any other loopback port is refused like a private address.
        cli = new CliHarness(TestDatabase.fresh(), dataDir).set("th.allow.private.networks", site.hostPort());
        assertThat(cli.run("users", "add", "--username", "alice").exit()).isZero();
    }

    @AfterEach
    void tearDown() {
        site.close();
    }

    private Result add(String url, String... more) {
        String[] args = new String[6 + more.length];
        System.arraycopy(new String[]{"triggers", "add", "--user", "alice", "--url", url}, 0, args, 0, 6);
        System.arraycopy(more, 0, args, 6, more.length);
        return cli.run(args);
    }

    private String storedUrl(Result r) throws Exception {
        assertThat(r.exit()).as(r.toString()).isZero();
        return cli.queryString("SELECT url FROM django_th_rss WHERE trigger_id = " + CliHarness.addedTriggerId(r));
    }

    private int triggers() throws Exception {
        return cli.queryInt("SELECT count(*) FROM django_th_triggerservice");
    }

    private static String rss() {
        return Rss.feed().item("1", "One", "http://example.org/1", Instant.parse("2026-01-02T03:04:05Z"), "<p>1</p>")
                .xml();
    }

    private static String atom() {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"
                + "<title>Atom</title><id>urn:x</id><updated>2026-01-02T03:04:05Z</updated>"
                + "<entry><title>One</title><id>urn:1</id><link href=\"http://example.org/1\"/>"
                + "<updated>2026-01-02T03:04:05Z</updated></entry></feed>";
    }

    private static String jsonFeed() {
        return "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"JSON\",\"items\":"
                + "[{\"id\":\"1\",\"url\":\"http://example.org/1\",\"content_html\":\"<p>1</p>\"}]}";
    }

    private static String page(String... links) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html><html><head><title>Blog</title>"
                + "<link rel=\"stylesheet\" href=\"/site.css\">");
        for (String link : links) {
            b.append(link);
        }
        return b.append("</head><body><p>Hello</p></body></html>").toString();
    }

    private static String link(String type, String href) {
        return "<link rel=\"alternate\" type=\"" + type + "\" href=\"" + href + "\">";
    }

    @Test
    void a_url_that_is_a_feed_is_stored_as_given_after_one_fetch() throws Exception {
        String feed = site.put("/feed.xml", rss());

        Result r = add(feed);

        assertThat(storedUrl(r)).isEqualTo(feed);
        assertThat(r.out()).isEqualTo("trigger " + CliHarness.addedTriggerId(r) + " added for alice" + NL);
        assertThat(r.err()).doesNotContain("warning");
        assertThat(site.requests()).isEqualTo(1);
    }

    @Test
    void a_page_linking_to_an_rss_feed_stores_the_feed_and_says_so() throws Exception {
        String feed = site.put("/news/rss.xml", rss());
        String blog = site.put("/blog", page(link("application/rss+xml", feed)), HTML);

        Result r = add(blog);

        assertThat(storedUrl(r)).isEqualTo(feed);
        assertThat(r.out()).isEqualTo("trigger " + CliHarness.addedTriggerId(r) + " added for alice (feed found at "
                + feed + ")" + NL);
        assertThat(cli.queryString("SELECT description FROM django_th_triggerservice")).isEqualTo(feed);
        assertThat(site.requests("/feed")).as("no common path is tried once a link works").isZero();
    }

    @Test
    void an_atom_link_relative_to_the_page_url_after_redirects_is_found() throws Exception {
        site.put("/blog/atom.xml", atom(), "application/atom+xml");
        site.put("/blog/index.html", page(link("application/atom+xml", "atom.xml")), HTML);
        site.redirect("/start", "/blog/index.html");

        assertThat(storedUrl(add(site.url("/start")))).isEqualTo(site.url("/blog/atom.xml"));
    }

    @Test
    void a_json_feed_link_and_a_base_href_are_followed() throws Exception {
        site.put("/static/posts.json", jsonFeed(), "application/feed+json");
        site.put("/page", "<html><head><base href=\"/static/\">" + link("application/feed+json", "posts.json")
                + "</head><body></body></html>", HTML);

        assertThat(storedUrl(add(site.url("/page")))).isEqualTo(site.url("/static/posts.json"));
    }

    @Test
    void of_several_feeds_the_first_in_the_page_is_stored_and_the_others_are_listed_masked() throws Exception {
        site.put("/atom.xml", atom(), "application/atom+xml");
        site.put("/comments.rss", rss());
        site.put("/broken.xml", "<rss><channel>", "application/rss+xml");
        site.put("/api.json", "{\"id\": 12, \"type\": \"page\"}", "application/json");
        String page = site.put("/", page(
                link("application/rss+xml", "/missing.xml"),
                link("application/rss+xml", "/broken.xml"),
                link("application/json", "/api.json"),
                link("application/atom+xml", "/atom.xml"),
                link("application/rss+xml", "/comments.rss?apikey=SECRET-KEY"),
                link("application/atom+xml", "/atom.xml")), HTML);

        Result r = add(page);

        assertThat(storedUrl(r)).isEqualTo(site.url("/atom.xml"));
        assertThat(r.out()).contains("(feed found at " + site.url("/atom.xml")
                + "; other feeds on the page: " + site.url("/comments.rss?apikey=…") + ")");
        assertThat(r.all()).doesNotContain("SECRET").doesNotContain("missing.xml").doesNotContain("broken.xml")
                .doesNotContain("api.json");
        assertThat(site.requests("/atom.xml")).as("a link given twice is fetched once").isEqualTo(1);
        assertThat(site.requests("/missing.xml") + site.requests("/broken.xml") + site.requests("/api.json"))
                .isEqualTo(3);
    }

    @Test
    void a_page_without_links_gets_the_feed_at_slash_feed() throws Exception {
        site.put("/feed", rss());
        String page = site.put("/about/", page(), HTML);

        Result r = add(page);

        assertThat(storedUrl(r)).isEqualTo(site.url("/feed"));
        assertThat(r.out()).contains("(feed found at " + site.url("/feed") + ")");
        assertThat(site.requests("/rss")).isZero();
    }

    @Test
    void the_common_paths_are_tried_in_order_until_index_xml_answers_with_a_feed() throws Exception {
        site.put("/rss", page(), HTML);
        site.put("/index.xml", rss());
        String page = site.put("/home", page(link("application/rss+xml", "/gone.xml")), HTML);

        assertThat(storedUrl(add(page))).isEqualTo(site.url("/index.xml"));
        assertThat(site.requests("/gone.xml")).isEqualTo(1);
        assertThat(site.requests("/feed") + site.requests("/rss") + site.requests("/atom.xml")).isEqualTo(3);
        assertThat(site.requests("/feed.json")).isZero();
    }

    @Test
    void a_page_without_any_feed_exits_2_listing_every_url_tried_and_adds_nothing() throws Exception {
        site.put("/other.html", page(), HTML);
        String tooLong = "/" + "x".repeat(260) + ".xml";
        String page = site.put("/p", page(link("application/rss+xml", "/missing.xml"),
                link("application/atom+xml", "/other.html"), link("application/rss+xml", tooLong)), HTML)
                + "?session=SECRET-SESSION";

        Result r = add(page);

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("error: no feed found for " + site.url("/p?session=…") + ", an HTML page;"
                        + " nothing added. Tried:" + NL)
                .contains("  " + site.url("/missing.xml") + ": HTTP 404")
                .contains("  " + site.url("/other.html") + ": not a feed: HTML page")
                .contains("  " + site.url(tooLong) + ": longer than 255 characters")
                .contains("  " + site.url("/feed") + ": HTTP 404")
                .contains("  " + site.url("/rss") + ": HTTP 404")
                .contains("  " + site.url("/atom.xml") + ": HTTP 404")
                .contains("  " + site.url("/index.xml") + ": HTTP 404")
                .contains("  " + site.url("/feed.json") + ": HTTP 404")
                .doesNotContain("SECRET");
        assertThat(r.err().lines().filter(l -> l.startsWith("  http://")).count()).isEqualTo(8);
        assertThat(site.requests(tooLong)).isZero();
        assertThat(triggers()).isZero();
    }

    @Test
    void a_feed_on_an_address_the_guard_refuses_is_not_fetched_even_behind_a_redirect() throws Exception {
        try (TestFeedServer forbidden = new TestFeedServer()) {
            String hidden = forbidden.put("/internal.xml", rss());
            site.redirect("/go.xml", hidden);
            site.put("/ok.xml", rss());
            String page = site.put("/", page(link("application/rss+xml", hidden),
                    link("application/rss+xml", "/go.xml"), link("application/rss+xml", "/ok.xml")), HTML);

            assertThat(storedUrl(add(page))).isEqualTo(site.url("/ok.xml"));
            assertThat(forbidden.requests()).isZero();

            String only = site.put("/only", page(link("application/rss+xml", hidden)), HTML);
            Result r = add(only);
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).contains("  " + hidden + ": address 127.0.0.1 of host 127.0.0.1 is loopback;"
                    + " set TH_ALLOW_PRIVATE_NETWORKS to allow it");
            assertThat(forbidden.requests()).isZero();
            assertThat(triggers()).isEqualTo(1);
        }
    }

    @Test
    void a_url_that_cannot_be_fetched_is_added_as_given_with_a_warning() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        cli.set("th.allow.private.networks", site.hostPort() + ",127.0.0.1:" + closed);
        String down = "http://127.0.0.1:" + closed + "/feed.xml?token=SECRET-TOKEN";

        Result r = add(down);

        assertThat(storedUrl(r)).isEqualTo(down);
        assertThat(r.out()).isEqualTo("trigger " + CliHarness.addedTriggerId(r) + " added for alice" + NL);
        assertThat(r.err()).contains("warning: cannot fetch http://127.0.0.1:" + closed + "/feed.xml?token=… (cannot"
                + " connect to 127.0.0.1:" + closed).contains("added as given").doesNotContain("SECRET");

        site.fail("/flaky.xml", 503);
        Result flaky = add(site.url("/flaky.xml"));
        assertThat(storedUrl(flaky)).isEqualTo(site.url("/flaky.xml"));
        assertThat(flaky.err()).contains("warning: cannot fetch " + site.url("/flaky.xml") + " (HTTP 503");
    }

    @Test
    void a_url_that_is_neither_feed_nor_page_exits_2_unless_no_discover_is_given() throws Exception {
        String image = site.put("/logo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0}, "image/png");

        Result r = add(image);

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: " + image + " (image/png) is neither a feed nor an HTML page: ")
                .contains("--no-discover");
        assertThat(triggers()).isZero();

        int before = site.requests();
        assertThat(storedUrl(add(image, "--no-discover"))).isEqualTo(image);
        assertThat(site.requests()).as("--no-discover fetches nothing").isEqualTo(before);
    }

    @Test
    void mistakes_in_the_other_options_are_reported_before_anything_is_fetched() throws Exception {
        String page = site.put("/", page(), HTML);

        assertThat(add(page, "--interval", "5s").exit()).isEqualTo(1);
        assertThat(add(page, "--keep", "nofield").exit()).isEqualTo(2);
        assertThat(cli.run("triggers", "add", "--user", "nobody", "--url", page).exit()).isEqualTo(1);

        assertThat(site.requests()).isZero();
        assertThat(triggers()).isZero();
    }
}

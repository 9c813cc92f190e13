package org.triggerhappy.camel.entries;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FeedParserTest {

    private static final String FEED_URL = "https://blog.example.com/feeds/main.xml";

    private final FeedParser parser = new FeedParser();

    @Test
    void every_rome_test_feed_parses_except_the_html_page() throws Exception {
        Path root = resource("/feeds/rome");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).filter(p -> !p.endsWith("README.txt")).sorted()
                    .collect(Collectors.toList());
        }
        List<String> failures = new ArrayList<>();
        int entries = 0;
        for (Path file : files) {
            String name = root.relativize(file).toString().replace('\\', '/');
            try {
                entries += parser.parse(Files.readAllBytes(file), null, FEED_URL).entries().size();
            } catch (FeedParseException e) {
                failures.add(name + ": " + e.getMessage());
            }
        }

        assertThat(files).hasSizeGreaterThanOrEqualTo(149);
        assertThat(failures).containsExactly("rome-modules/2.rss: not a feed: HTML page");
        assertThat(entries).isGreaterThan(600);
    }

    @Test
    void netscape_rss_with_doctype_parses() throws Exception {
        ParsedFeed feed = parseResource("/feeds/rome/rome/rss_0.91N.xml");

        assertThat(feed.title()).isEqualTo("rss_0.91N.channel.title");
        assertThat(feed.entries()).extracting(FeedEntry::title)
                .containsExactly("rss_0.91N.channel.item[0].title", "rss_0.91N.channel.item[1].title");
    }

    @Test
    void comment_and_blank_line_before_the_xml_declaration_are_skipped() throws Exception {
        assertThat(parseResource("/feeds/rome/rome/jira_issue1.xml").entries()).hasSize(2);
        assertThat(parseResource("/feeds/rome/rome-modules/xml/yweather.xml").title()).isNotBlank();
        String withBom = "\uFEFF\n  <!-- generated -->\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + rss("<item><title>Caf\u00e9</title></item>");

        assertThat(parse(withBom, null).entries().get(0).title()).isEqualTo("Caf\u00e9");
    }

    @Test
    void xml_base_is_honoured_for_atom_links() throws Exception {
        // "All alternate links should point to http://example.org/tests/base/result.html" (plasmasturm.org tests)
        ParsedFeed feed = parseResource("/feeds/rome/rome/atom_1.0_b.xml");

        assertThat(feed.entries()).hasSize(16).extracting(FeedEntry::link)
                .containsOnly("http://example.org/tests/base/result.html");
    }

    @Test
    void relative_links_resolve_against_the_feed_url_and_unsafe_links_are_dropped() throws Exception {
        ParsedFeed feed = parse(rss("<link>/</link>"
                + "<item><title>a</title><link>/posts/1</link></item>"
                + "<item><title>b</title><link>2.html</link></item>"
                + "<item><title>c</title><link>../up/3 with space</link></item>"
                + "<item><title>d</title><link>https://other.example.org/4</link></item>"
                + "<item><title>e</title><link>javascript:alert(1)</link></item>"
                + "<item><title>f</title></item>"), null);

        assertThat(feed.link()).isEqualTo("https://blog.example.com/");
        assertThat(feed.entries()).extracting(FeedEntry::link).containsExactly(
                "https://blog.example.com/posts/1",
                "https://blog.example.com/feeds/2.html",
                "https://blog.example.com/up/3%20with%20space",
                "https://other.example.org/4",
                null,
                null);
    }

    @Test
    void guid_is_null_when_the_item_has_none_even_though_rome_fills_uri_from_the_link() throws Exception {
        ParsedFeed feed = parse(rss(
                "<item><title>no guid</title><link>https://blog.example.com/1</link></item>"
                        + "<item><title>guid</title><link>https://blog.example.com/2</link>"
                        + "<guid isPermaLink=\"false\">  tag:blog,2:2  </guid></item>"
                        + "<item><title>blank guid</title><guid>   </guid></item>"
                        + "<item><title>permalink only</title><guid>https://blog.example.com/3</guid></item>"), null);

        assertThat(feed.entries()).extracting(FeedEntry::guid)
                .containsExactly(null, "tag:blog,2:2", null, "https://blog.example.com/3");
        assertThat(feed.entries().get(3).link()).isEqualTo("https://blog.example.com/3");
    }

    @Test
    void atom_entries_use_id_as_guid_and_updated_when_published_is_missing() throws Exception {
        String atom = "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>A</title>"
                + "<id>urn:feed</id><updated>2024-01-02T03:04:05Z</updated>"
                + "<entry><id> urn:e1 </id><title>one</title><updated>2024-01-02T03:04:05Z</updated>"
                + "<author><name>Ann</name></author><link href=\"/e1\"/>"
                + "<content type=\"text\">1 &lt; 2 &amp; \"q\"</content></entry>"
                + "<entry><title>two</title><published>2023-12-31T23:00:00Z</published>"
                + "<updated>2024-01-01T00:00:00Z</updated><summary type=\"html\">&lt;p&gt;sum&lt;/p&gt;</summary>"
                + "</entry></feed>";

        ParsedFeed feed = parse(atom, "application/atom+xml");

        FeedEntry one = feed.entries().get(0);
        assertThat(one.guid()).isEqualTo("urn:e1");
        assertThat(one.link()).isEqualTo("https://blog.example.com/e1");
        assertThat(one.published()).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
        assertThat(one.author()).isEqualTo("Ann");
        assertThat(one.contentHtml()).isEqualTo("1 &lt; 2 &amp; &quot;q&quot;");
        FeedEntry two = feed.entries().get(1);
        assertThat(two.guid()).isNull();
        assertThat(two.published()).isEqualTo(Instant.parse("2023-12-31T23:00:00Z"));
        assertThat(two.contentHtml()).isEqualTo("<p>sum</p>");
        assertThat(feed.ttl()).isNull();
    }

    @Test
    void content_encoded_wins_over_description_and_ttl_is_read() throws Exception {
        ParsedFeed feed = parse(rss("<ttl>90</ttl>"
                + "<item><title>T &amp; &lt;b&gt;</title><description>short</description>"
                + "<content:encoded><![CDATA[<p>full <b>text</b></p>]]></content:encoded>"
                + "<pubDate>Tue, 02 Jan 2024 03:04:05 GMT</pubDate><author>ann@example.org (Ann)</author></item>"
                + "<item><title>only description</title><description>&lt;i&gt;desc&lt;/i&gt;</description>"
                + "<content:encoded>   </content:encoded></item>"), null);

        assertThat(feed.ttl()).isEqualTo(Duration.ofMinutes(90));
        FeedEntry first = feed.entries().get(0);
        assertThat(first.title()).isEqualTo("T & <b>");
        assertThat(first.contentHtml()).isEqualTo("<p>full <b>text</b></p>");
        assertThat(first.published()).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
        assertThat(first.author()).isEqualTo("ann@example.org (Ann)");
        assertThat(feed.entries().get(1).contentHtml()).isEqualTo("<i>desc</i>");
    }

    @ParameterizedTest(name = "{0} declared {1}, Content-Type {2}")
    @CsvSource(delimiter = '|', value = {
            "ISO-8859-1 | ISO-8859-1 |                                  ",
            "ISO-8859-1 | ISO-8859-1 | text/xml                          ",
            "UTF-8      |            | text/xml                          ",
            "UTF-8      |            | application/rss+xml; charset=utf-8",
            "ISO-8859-1 |            | text/xml; charset=ISO-8859-1      ",
            "ISO-8859-1 | ISO-8859-1 | application/xml; charset=UTF-8    ",
            "UTF-16     | UTF-16     |                                   ",
    })
    void encoding_comes_from_the_declaration_else_the_content_type_charset_else_utf8(String actual, String declared,
                                                                        String contentType) throws Exception {
        String prolog = declared == null ? "<?xml version=\"1.0\"?>"
                : "<?xml version=\"1.0\" encoding=\"" + declared + "\"?>";
        String xml = prolog + rss("<item><title>Gr\u00fc\u00dfe \u00e0 tous</title></item>");
        byte[] body = xml.getBytes(Charset.forName(actual));

        ParsedFeed feed = parser.parse(body, contentType, FEED_URL);

        assertThat(feed.entries().get(0).title()).isEqualTo("Gr\u00fc\u00dfe \u00e0 tous");
    }

    @Test
    void undeclared_html_entities_are_repaired_on_a_second_pass() throws Exception {
        ParsedFeed feed = parse(rss("<item><title>A&nbsp;B &eacute;t&eacute;</title></item>"), null);

        assertThat(feed.entries().get(0).title()).isEqualTo("A\u00a0B \u00e9t\u00e9");
    }

    @Test
    void errors_are_reported_in_one_clear_line() {
        assertThat(failure(new byte[0])).isEqualTo("empty document");
        assertThat(failure(bytes("<html><head><title>Login</title></head><body>x</body></html>")))
                .isEqualTo("not a feed: HTML page");
        assertThat(failure(bytes("<?xml version=\"1.0\"?>\n<!DOCTYPE html>\n<html><body/></html>")))
                .isEqualTo("not a feed: HTML page");
        assertThat(failure(bytes("<?xml version=\"1.0\"?><opml version=\"2.0\"><body/></opml>")))
                .isEqualTo("not a feed: root element <opml> is neither RSS nor Atom");
        assertThat(failure(bytes("<?xml version=\"1.0\"?>\n<rss version=\"2.0\">\n<channel><title>x</title>\n"
                + "<item><title>unclosed</item></channel></rss>")))
                .startsWith("XML error at line 4: ")
                .doesNotContain("\n");
        assertThat(failure(bytes(" {\"version\": \"https://jsonfeed.org/version/1\"}")))
                .isEqualTo("JSON Feed error: \"items\" is missing");
        assertThat(failure(bytes("{\"error\": \"rate limited\"}")))
                .isEqualTo("not a feed: JSON document without a jsonfeed.org version");
        assertThat(failure(bytes("Service temporarily unavailable")))
                .isEqualTo("XML error at line 1: Content is not allowed in prolog.");
    }

    @Test
    void fifty_thousand_items_parse() throws Exception {
        int count = 50_000;
        ByteArrayOutputStream xml = new ByteArrayOutputStream(count * 300);
        xml.writeBytes(bytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
                + "<title>big</title><link>https://blog.example.com/</link>"));
        for (int i = 0; i < count; i++) {
            xml.writeBytes(bytes("<item><title>Item " + i + " &amp; more</title><link>/p/" + i + "</link>"
                    + "<guid>id-" + i + "</guid><pubDate>Tue, 02 Jan 2024 03:04:05 GMT</pubDate>"
                    + "<description>&lt;p&gt;Body of item " + i + "&lt;/p&gt;</description></item>"));
        }
        xml.writeBytes(bytes("</channel></rss>"));

        ParsedFeed feed = parser.parse(xml.toByteArray(), "application/rss+xml", FEED_URL);

        assertThat(feed.entries()).hasSize(count);
        assertThat(feed.entries().get(count - 1).guid()).isEqualTo("id-" + (count - 1));
        assertThat(feed.entries().get(count - 1).link()).isEqualTo("https://blog.example.com/p/" + (count - 1));
        assertThat(feed.entries().get(0).title()).isEqualTo("Item 0 & more");
    }

    @Test
    void parser_without_feed_url_keeps_absolute_links_only() throws Exception {
        ParsedFeed feed = parser.parse(bytes(rss("<item><link>/rel</link></item>"
                + "<item><link>http://abs.example.org/x</link></item>")), null, null);

        assertThat(feed.entries()).extracting(FeedEntry::link).containsExactly(null, "http://abs.example.org/x");
    }

    @Test
    void one_parser_serves_many_threads() throws Exception {
        List<byte[]> docs = List.of(Files.readAllBytes(resource("/feeds/rome/rome/rss_2.0.xml")),
                Files.readAllBytes(resource("/feeds/rome/rome/atom_1.0.xml")),
                Files.readAllBytes(resource("/feeds/rome/rome/rss_0.91N.xml")));
        List<ParsedFeed> expected = new ArrayList<>();
        for (byte[] doc : docs) {
            expected.add(parser.parse(doc, null, FEED_URL));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ParsedFeed>> results = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                byte[] doc = docs.get(i % docs.size());
                results.add(pool.submit(() -> parser.parse(doc, null, FEED_URL)));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(expected.get(i % docs.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private String failure(byte[] body) {
        FeedParseException e = catchThrowableOfType(FeedParseException.class,
                () -> parser.parse(body, null, FEED_URL));
        assertThat(e).as("parse should fail").isNotNull();
        return e.getMessage();
    }

    private ParsedFeed parse(String xml, String contentType) throws FeedParseException {
        return parser.parse(bytes(xml), contentType, FEED_URL);
    }

    private ParsedFeed parseResource(String path) throws Exception {
        return parser.parse(Files.readAllBytes(resource(path)), null, FEED_URL);
    }

    private static String rss(String channelContent) {
        return "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>"
                + "<title>Blog</title>" + channelContent + "</channel></rss>";
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Path resource(String path) throws URISyntaxException, IOException {
        URL url = FeedParserTest.class.getResource(path);
        assertThat(url).as(path).isNotNull();
        return Path.of(url.toURI());
    }
}

package org.triggerhappy.camel.entries;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.triggerhappy.camel.notes.EnmlConverter;

/** Content marked as plain text that is really HTML (issue 10 item 5), against real plain text. */
class HtmlLikeTextTest {

    private final FeedParser parser = new FeedParser();

    @ParameterizedTest
    @ValueSource(strings = {"<p>Hello <b>world</b></p>", "Tom &amp; Jerry", "caf&eacute; &#233; &#x2014;",
            "line<br/>next</p>", "<IMG src=\"x.png\"> a picture</A>"})
    void markup_or_entities_are_html(String text) {
        assertThat(HtmlLikeText.looksLikeHtml(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a < b and c > d", "5 <3", "x &y", "AT&T; rocks</p>", "use <blink>this</blink>",
            "<script>alert(1)</script>", "no markup at all", "see <foo> and </bar>"})
    void real_plain_text_is_not(String text) {
        assertThat(HtmlLikeText.looksLikeHtml(text)).isFalse();
    }

    @Test
    void rss_1_0_descriptions_with_escaped_html_become_html_and_titles_stay_text() throws Exception {
        List<FeedEntry> entries = parse("<?xml version=\"1.0\"?>"
                + "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\">"
                + "<channel rdf:about=\"https://blog.example.org/\"><title>B</title><link>https://blog.example.org/</link>"
                + "<description>d</description></channel>"
                + item("1", "&lt;b&gt;Bold&lt;/b&gt; title", "&lt;p&gt;First &lt;em&gt;para&lt;/em&gt;&lt;/p&gt;")
                + item("2", "Plain", "a &lt; b and c &gt; d")
                + item("3", "Entity", "Fish &amp;amp; chips")
                + item("4", "Heart", "5 &lt;3")
                + "</rdf:RDF>");

        assertThat(entries).extracting(FeedEntry::contentHtml).containsExactly(
                "<p>First <em>para</em></p>", "a &lt; b and c &gt; d", "Fish &amp; chips", "5 &lt;3");
        assertThat(entries.get(0).title()).isEqualTo("<b>Bold</b> title");
    }

    @Test
    void atom_text_content_and_summary_holding_html_become_html() throws Exception {
        List<FeedEntry> entries = parse("<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"
                + "<title>A</title><id>urn:a</id><updated>2024-01-01T00:00:00Z</updated>"
                + "<entry><id>urn:1</id><title type=\"text\">one</title><updated>2024-01-01T00:00:00Z</updated>"
                + "<content type=\"text\">&lt;p&gt;Real &lt;a href=\"https://x.example.org/\"&gt;link&lt;/a&gt;&lt;/p&gt;</content></entry>"
                + "<entry><id>urn:2</id><title>two</title><updated>2024-01-01T00:00:00Z</updated>"
                + "<summary type=\"text\">x &amp;y &lt;tag&gt;</summary></entry>"
                + "<entry><id>urn:3</id><title>three</title><updated>2024-01-01T00:00:00Z</updated>"
                + "<summary>it&amp;#8217;s here&lt;/p&gt;</summary></entry>"
                + "</feed>");

        assertThat(entries).extracting(FeedEntry::contentHtml).containsExactly(
                "<p>Real <a href=\"https://x.example.org/\">link</a></p>", "x &amp;y &lt;tag&gt;", "it&#8217;s here</p>");
    }

    @Test
    void rss_0_91_description_html_reaches_the_note_as_markup_not_as_tags() throws Exception {
        List<FeedEntry> entries = parse("<?xml version=\"1.0\"?><rss version=\"0.91\"><channel><title>C</title>"
                + "<link>https://c.example.org/</link><description>d</description><language>en</language>"
                + "<item><title>T</title><link>https://c.example.org/1</link>"
                + "<description>&lt;p&gt;Hello &lt;strong&gt;there&lt;/strong&gt;&lt;/p&gt;</description></item>"
                + "</channel></rss>");

        String enml = new EnmlConverter().toEnml(entries.get(0).contentHtml(), "https://c.example.org/1", null, null);

        assertThat(enml).contains("<p>Hello <strong>there</strong></p>").doesNotContain("&lt;p&gt;");
    }

    private List<FeedEntry> parse(String xml) throws FeedParseException {
        return parser.parse(xml.getBytes(StandardCharsets.UTF_8), "application/xml", "https://blog.example.org/feed")
                .entries();
    }

    private static String item(String id, String title, String description) {
        return "<item rdf:about=\"https://blog.example.org/" + id + "\"><title>" + title + "</title>"
                + "<link>https://blog.example.org/" + id + "</link><description>" + description + "</description></item>";
    }
}

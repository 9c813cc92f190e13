package org.triggerhappy.camel.entries;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Image enclosures and Media RSS images of an entry end up as images in its content (issue 10 item 2). */
class ImageEnclosuresTest {

    private static final String MEDIA = "xmlns:media=\"http://search.yahoo.com/mrss/\"";

    private final FeedParser parser = new FeedParser();

    @Test
    void rss_image_enclosure_is_appended_once_and_other_enclosures_are_not() throws Exception {
        List<FeedEntry> entries = rss(
                "<item><guid>1</guid><description>&lt;p&gt;Text&lt;/p&gt;</description>"
                        + "<enclosure url=\"/img/a.jpg?x=1&amp;y=2\" type=\"image/jpeg\" length=\"1\"/></item>"
                        + "<item><guid>2</guid><description>Podcast</description>"
                        + "<enclosure url=\"https://cdn.example.org/ep.mp3\" type=\"audio/mpeg\" length=\"1\"/></item>"
                        + "<item><guid>3</guid></item>");

        assertThat(entries.get(0).contentHtml())
                .isEqualTo("<p>Text</p><p><img src=\"https://news.example.org/img/a.jpg?x=1&amp;y=2\"/></p>");
        assertThat(entries.get(1).contentHtml()).isEqualTo("Podcast");
        assertThat(entries.get(2).contentHtml()).isNull();
    }

    @Test
    void an_image_already_in_the_content_is_not_repeated() throws Exception {
        List<FeedEntry> entries = rss(
                "<item><guid>1</guid><link>https://news.example.org/a/story</link>"
                        + "<description><![CDATA[<p><img src=\"pic.png\"></p>]]></description>"
                        + "<enclosure url=\"https://news.example.org/a/pic.png\" type=\"image/png\" length=\"1\"/>"
                        + "<media:thumbnail url=\"https://news.example.org/a/pic.png\"/></item>");

        assertThat(entries.get(0).contentHtml()).isEqualTo("<p><img src=\"pic.png\"></p>");
    }

    @Test
    void media_content_images_in_groups_and_thumbnail_only_without_them() throws Exception {
        List<FeedEntry> entries = rss(
                "<item><guid>1</guid><description>one</description>"
                        + "<media:group><media:content url=\"https://i.example.org/big.jpg\" medium=\"image\"/>"
                        + "<media:content url=\"https://i.example.org/big.jpg\" type=\"image/jpeg\"/>"
                        + "<media:content url=\"https://v.example.org/clip.mp4\" medium=\"video\"/></media:group>"
                        + "<media:content url=\"https://i.example.org/other.png\" type=\"image/png\"/>"
                        + "<media:thumbnail url=\"https://i.example.org/thumb.jpg\"/></item>"
                        + "<item><guid>2</guid><description>two</description>"
                        + "<media:content url=\"https://v.example.org/clip.mp4\" medium=\"video\">"
                        + "<media:thumbnail url=\"https://i.example.org/t1.jpg\" width=\"640\"/></media:content>"
                        + "<media:thumbnail url=\"https://i.example.org/t2.jpg\" width=\"120\"/></item>");

        assertThat(entries.get(0).contentHtml()).isEqualTo("one<p><img src=\"https://i.example.org/big.jpg\"/></p>"
                + "<p><img src=\"https://i.example.org/other.png\"/></p>");
        assertThat(entries.get(1).contentHtml()).isEqualTo("two<p><img src=\"https://i.example.org/t1.jpg\"/></p>");
    }

    @Test
    void atom_enclosure_link_of_an_image_and_unsafe_urls() throws Exception {
        String atom = "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\" " + MEDIA + ">"
                + "<title>A</title><id>urn:a</id><updated>2024-01-01T00:00:00Z</updated>"
                + "<entry><id>urn:1</id><title>t</title><updated>2024-01-01T00:00:00Z</updated>"
                + "<link rel=\"alternate\" href=\"https://a.example.org/1\"/>"
                + "<link rel=\"enclosure\" type=\"image/gif\" href=\"https://a.example.org/anim.gif\" length=\"5\"/>"
                + "<media:thumbnail url=\"javascript:alert(1)\"/>"
                + "<content type=\"html\">&lt;p&gt;c&lt;/p&gt;</content></entry>"
                + "<entry><id>urn:2</id><title>t</title><updated>2024-01-01T00:00:00Z</updated>"
                + "<media:thumbnail url=\"data:image/png;base64,AAAA\"/><summary>s</summary></entry></feed>";
        List<FeedEntry> entries = parser.parse(atom.getBytes(StandardCharsets.UTF_8), null,
                "https://a.example.org/feed").entries();

        assertThat(entries.get(0).contentHtml()).isEqualTo("<p>c</p><p><img src=\"https://a.example.org/anim.gif\"/></p>");
        assertThat(entries.get(1).contentHtml()).isEqualTo("s");
    }

    @Test
    void a_flood_of_image_enclosures_is_capped() throws Exception {
        StringBuilder media = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            media.append("<media:content url=\"https://i.example.org/").append(i).append(".jpg\" medium=\"image\"/>");
        }
        String content = rss("<item><guid>1</guid>" + media + "</item>").get(0).contentHtml();

        assertThat(content.split("<img ", -1)).hasSize(ImageEnclosures.MAX_IMAGES + 1);
        assertThat(content).contains("/99.jpg").doesNotContain("/100.jpg");
    }

    @Test
    void youtube_media_rss_feed_gets_the_first_thumbnail_of_each_video() throws Exception {
        byte[] xml;
        try (var in = getClass().getResourceAsStream("/feeds/rome/rome-modules/data/YouTube-MostPopular.rss")) {
            xml = in.readAllBytes();
        }
        List<FeedEntry> entries = parser.parse(xml, null, "https://gdata.youtube.com/feeds/api/standardfeeds/most_popular")
                .entries();

        assertThat(entries).hasSize(9);
        assertThat(entries.get(0).contentHtml()).endsWith("<p><img src=\"https://i1.ytimg.com/vi/_OBlgSz8sSM/0.jpg\"/></p>");
        assertThat(entries).allSatisfy(e -> assertThat(e.contentHtml().split("<img ", -1)).hasSize(2));
    }

    private List<FeedEntry> rss(String items) throws FeedParseException {
        String xml = "<?xml version=\"1.0\"?><rss version=\"2.0\" " + MEDIA + "><channel><title>N</title>"
                + "<link>https://news.example.org/</link><description>d</description>" + items + "</channel></rss>";
        return parser.parse(xml.getBytes(StandardCharsets.UTF_8), null, "https://news.example.org/feed.xml").entries();
    }
}

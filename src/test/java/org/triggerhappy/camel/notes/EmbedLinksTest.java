package org.triggerhappy.camel.notes;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class EmbedLinksTest {

    private static final String BASE = "https://blog.example.org/2024/05/post.html";

    private final EnmlConverter converter = new EnmlConverter();
    private final EnmlValidator validator = EnmlValidator.shared();

    @Test
    void youtube_iframe_becomes_its_thumbnail_and_watch_link() {
        String enml = enml("<p>Watch:</p><iframe src=\"https://www.youtube.com/embed/dQw4w9WgXcQ?rel=0\" "
                + "title=\"Never gonna\" width=\"560\" height=\"315\" allowfullscreen>fallback</iframe>");

        assertThat(enml).contains("<a href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\">"
                        + "<img src=\"https://img.youtube.com/vi/dQw4w9WgXcQ/hqdefault.jpg\" alt=\"Video: Never gonna\"/></a>",
                "<a href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\">Video: Never gonna</a>")
                .doesNotContain("iframe", "fallback", "embed/");
    }

    @Test
    void youtube_urls_of_every_form_give_the_same_video() {
        for (String src : new String[] {"//www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
                "https://youtu.be/dQw4w9WgXcQ", "https://m.youtube.com/watch?feature=share&v=dQw4w9WgXcQ",
                "http://www.youtube.com/v/dQw4w9WgXcQ&hl=en"}) {
            String enml = enml("<iframe src=\"" + src + "\"></iframe>");
            assertThat(enml).as(src).contains("href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\"",
                    "src=\"https://img.youtube.com/vi/dQw4w9WgXcQ/hqdefault.jpg\"", ">Video: YouTube</a>");
        }
    }

    @Test
    void vimeo_player_becomes_a_link_to_the_video_page_without_image() {
        String enml = enml("<iframe src=\"https://player.vimeo.com/video/76979871?h=8272103f6e\"></iframe>");

        assertThat(enml).contains("<a href=\"https://vimeo.com/76979871\">Video: Vimeo</a>").doesNotContain("<img");
    }

    @Test
    void video_with_poster_and_relative_source_children() {
        String enml = enml("<video controls poster=\"/media/poster.jpg\" title=\"Launch\">"
                + "<source src=\"data:video/mp4;base64,AAAA\"><source src=\"clips/launch.webm\" type=\"video/webm\">"
                + "<track src=\"subs.vtt\">Your browser cannot play video</video>");

        assertThat(enml).contains("<a href=\"https://blog.example.org/2024/05/clips/launch.webm\">"
                        + "<img src=\"https://blog.example.org/media/poster.jpg\" alt=\"Video: Launch\"/></a>",
                ">Video: Launch</a>")
                .doesNotContain("data:", "cannot play", "subs.vtt");
    }

    @Test
    void audio_element_and_lazy_src() {
        String enml = enml("<audio data-src=\"https://cdn.example.net/ep12.mp3\" src=\"javascript:void(0)\"></audio>");

        assertThat(enml).contains("<a href=\"https://cdn.example.net/ep12.mp3\">Audio: cdn.example.net</a>")
                .doesNotContain("javascript", "<img");
    }

    @Test
    void object_data_and_param_movie_and_embed_src() {
        assertThat(enml("<object data=\"../flash/player.swf\" type=\"application/x-shockwave-flash\">"
                + "<param name=\"quality\" value=\"high\">x</object>"))
                .contains("<a href=\"https://blog.example.org/2024/flash/player.swf\">Embedded content: blog.example.org</a>");
        assertThat(enml("<object><param name=\"movie\" value=\"https://www.youtube.com/v/dQw4w9WgXcQ\">"
                + "<embed src=\"https://www.youtube.com/v/dQw4w9WgXcQ\"></object>"))
                .contains("href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\"", "hqdefault.jpg")
                .doesNotContain("<object", "<embed", "param");
        assertThat(enml("<embed src=\"https://media.example.com/show.mp4\" type=\"video/mp4\">"))
                .contains("<a href=\"https://media.example.com/show.mp4\">Video: media.example.com</a>");
    }

    @Test
    void object_or_embed_of_an_image_type_becomes_the_image() {
        assertThat(enml("<object data=\"chart.png\" type=\"image/png\" title=\"Chart\">fallback</object>"
                + "<embed src=\"https://i.example.org/d.gif\" type=\"image/gif\">"))
                .contains("<img src=\"https://blog.example.org/2024/05/chart.png\" alt=\"Chart\"/>",
                        "<img src=\"https://i.example.org/d.gif\" alt=\"\"/>")
                .doesNotContain("fallback", "<a href=\"https://i.example.org");
    }

    @Test
    void embeds_without_a_web_url_disappear() {
        String enml = enml("<p>a</p><iframe src=\"javascript:alert(1)\">t</iframe><embed src=\"data:x\">"
                + "<video><source src=\"blob:https://x/1\"></video><iframe></iframe><p>b</p>");

        assertThat(enml).contains("<p>a</p><p>b</p>").doesNotContain("javascript", "data:", "blob", "<a href=\"blob");
    }

    @Test
    void embed_inside_a_link_gives_no_nested_link() {
        String enml = enml("<a href=\"https://blog.example.org/v\"><video poster=\"p.png\" src=\"v.mp4\"></video></a>");

        assertThat(enml.substring(0, enml.indexOf("<hr/>"))).containsOnlyOnce("<a ")
                .contains("<img src=\"https://blog.example.org/2024/05/p.png\" alt=\"Video: blog.example.org\"/>");
    }

    @Test
    void nested_embeds_become_one_link() {
        Element body = Jsoup.parse("<object data=\"https://a.example.org/a.swf\"><embed src=\"https://b.example.org/b.swf\">"
                + "</object>").body();

        EmbedLinks.replace(body, null);

        assertThat(body.select("a")).hasSize(1);
        assertThat(body.select("a").attr("href")).isEqualTo("https://a.example.org/a.swf");
    }

    @Test
    void embeds_in_lists_tables_and_paragraphs_stay_valid_enml() {
        String enml = enml("<ul><iframe src=\"https://www.youtube.com/embed/dQw4w9WgXcQ\"></iframe><li>x</li></ul>"
                + "<table><tr><td><video src=\"a.mp4\" poster=\"b.jpg\"></video></td></tr></table>"
                + "<p>in <audio src=\"c.ogg\"></audio> text</p><span><embed src=\"d.swf\"></span>");

        assertThat(enml).contains("Video: YouTube", "a.mp4", "b.jpg", "c.ogg", "d.swf");
    }

    private String enml(String html) {
        String enml = converter.toEnml(html, BASE, "label", BASE);
        assertThat(validator.problems(enml)).as(enml).isEmpty();
        return enml;
    }
}

package org.triggerhappy.camel.notes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.triggerhappy.camel.testsupport.TestImages;

/** ENML shown as HTML: en-media inline from the note's resources, the other ENML elements, nothing active. */
class EnmlPreviewTest {

    private static String enml(String body) {
        return EnmlConverter.PROLOG + "<en-note>" + body + "</en-note>";
    }

    @Test
    void en_media_shows_its_resource_inline_as_a_data_uri_with_its_attributes() {
        byte[] png = TestImages.png(40, 30, 1);
        NoteResource r = NoteResource.image(png, ImageType.detect(png).orElseThrow(), "http://127.0.0.1/a.png");
        String html = EnmlPreview.html(enml("<p>Before</p><en-media type=\"image/png\" hash=\"" + r.md5Hex()
                + "\" alt=\"A chart\" width=\"40\"/><p>After</p>"), List.of(r));

        Document d = Jsoup.parseBodyFragment(html);
        Element img = d.selectFirst("div.en-note > img");
        assertThat(img).isNotNull();
        assertThat(img.attr("src")).isEqualTo("data:image/png;base64," + Base64.getEncoder().encodeToString(png));
        assertThat(img.attr("alt")).isEqualTo("A chart");
        assertThat(img.attr("width")).isEqualTo("40");
        assertThat(d.select("div.en-note > p").eachText()).containsExactly("Before", "After");
    }

    @Test
    void a_missing_resource_a_todo_an_encrypted_part_and_a_remote_image_are_shown_without_loading_anything() {
        String html = EnmlPreview.html(enml("<div><en-todo checked=\"true\"/>done <en-todo/>open</div>"
                + "<en-media type=\"image/png\" hash=\"0123456789abcdef0123456789abcdef\"/>"
                + "<en-crypt hint=\"the usual\">U2FsdGVkX1</en-crypt>"
                + "<p><img src=\"https://127.0.0.1/remote.png\" alt=\"Remote chart\"/></p>"), List.of());

        Document d = Jsoup.parseBodyFragment(html);
        assertThat(d.select("input[type=checkbox][disabled]")).hasSize(2);
        assertThat(d.select("input[checked]")).hasSize(1);
        assertThat(d.selectFirst(".en-media-missing").text()).isEqualTo("[attachment image/png not shown]");
        assertThat(d.selectFirst(".en-crypt").text()).isEqualTo("[encrypted text, hint: the usual]");
        assertThat(html).doesNotContain("U2FsdGVkX1");
        assertThat(d.select("img")).isEmpty();
        Element remote = d.selectFirst("a.remote-image");
        assertThat(remote.attr("href")).isEqualTo("https://127.0.0.1/remote.png");
        assertThat(remote.text()).isEqualTo("[remote image: Remote chart]");
    }

    @Test
    void only_the_notes_allow_list_comes_through_even_from_hostile_enml() {
        // Not what the converter writes: the preview must be safe whatever ENML it is given.
        String html = EnmlPreview.html(enml("<p onclick=\"alert(1)\" style=\"color: red\">text &amp; more</p>"
                + "<script>alert(2)</script><a href=\"javascript:alert(3)\">js link</a>"
                + "<a href=\"https://127.0.0.1/ok\" onmouseover=\"x()\">ok</a>"
                + "<div style=\"background: url(https://127.0.0.1/t.gif)\">bg</div><iframe src=\"https://x\"/>"
                + "<custom-tag>unwrapped</custom-tag><!-- comment -->"
                + "<en-media type=\"text/html\" hash=\"" + NoteResource.md5Hex(new byte[] {1}) + "\"/>"),
                List.of(new NoteResource(new byte[] {1}, NoteResource.md5Hex(new byte[] {1}), "text/html", null,
                        "x.html", null, null)));

        Document d = Jsoup.parseBodyFragment(html);
        assertThat(d.select("script, iframe, [onclick], [onmouseover], img")).isEmpty();
        assertThat(d.selectFirst("p").attr("style")).isEqualTo("color: red");
        assertThat(d.selectFirst("p").text()).isEqualTo("text & more");
        assertThat(d.select("a[href]").eachAttr("href")).containsExactly("https://127.0.0.1/ok");
        assertThat(d.select("a[href]").first().attr("rel")).isEqualTo("noopener noreferrer");
        assertThat(d.text()).contains("js link").contains("unwrapped").doesNotContain("alert(2)");
        assertThat(d.select("div[style]")).isEmpty();
        assertThat(html).doesNotContain("comment").doesNotContain("data:text/html");
    }

    @Test
    void a_composed_note_with_an_embedded_image_renders_it_inline() {
        byte[] gif = TestImages.gif(12, 8, 3);
        NoteComposer composer = new NoteComposer(url -> Optional.of(new FetchedImage(gif, url, "image/gif")));
        NoteDraft d = composer.compose(new NoteSource("Title", "http://127.0.0.1/post",
                "<p>Look:</p><img src=\"/i.gif\" alt=\"dot\">", null, null, null, "Feed"), ImageOptions.embed(
                Long.MAX_VALUE));
        assertThat(d.resources()).hasSize(1);

        Document html = Jsoup.parseBodyFragment(EnmlPreview.html(d.enml(), d.resources()));
        assertThat(html.selectFirst("img").attr("src")).startsWith("data:image/gif;base64,");
        // The footer of every note is there too, as Evernote shows it.
        assertThat(html.text()).contains("Provided by Feed from http://127.0.0.1/post");
    }
}

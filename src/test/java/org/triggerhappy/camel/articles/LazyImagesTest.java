package org.triggerhappy.camel.articles;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LazyImagesTest {

    private static final String BASE = "http://127.0.0.1:8080/blog/2026/post.html";
    private static final String GIF = "data:image/gif;base64,R0lGODlhAQABAAAAACw=";

    private static Document normalized(String body) {
        Document doc = Jsoup.parse("<html><body>" + body + "</body></html>", BASE);
        LazyImages.normalize(doc.body(), BASE);
        return doc;
    }

    private static String onlySrc(String body) {
        Document doc = normalized(body);
        assertThat(doc.select("img")).hasSize(1);
        return doc.selectFirst("img").attr("src");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<img src='" + GIF + "' data-src='/i/a.jpg'>|http://127.0.0.1:8080/i/a.jpg",
        "<img src='spacer.gif' data-original='../i/b.jpg'>|http://127.0.0.1:8080/blog/i/b.jpg",
        "<img data-lazy-src='//cdn.test/c.png'>|http://cdn.test/c.png",
        "<img src='" + GIF + "' data-srcset='/s.jpg 300w, /m.jpg 1200w, /l.jpg 2400w'>|http://127.0.0.1:8080/m.jpg",
        "<img srcset='/x1.jpg 1x, /x2.jpg 2x, /x3.jpg 3x'>|http://127.0.0.1:8080/x3.jpg",
        "<img src='/small.jpg' srcset='/s.jpg 200w, /t.jpg 400w'>|http://127.0.0.1:8080/t.jpg",
        "<img src='plain.png'>|http://127.0.0.1:8080/blog/2026/plain.png",
    })
    void lazy_attributes_become_the_real_absolute_src(String html, String expected) {
        assertThat(onlySrc(html)).isEqualTo(expected);
    }

    @Test
    void the_lazy_attributes_are_removed_once_used() {
        Element img = normalized("<img src='" + GIF + "' data-src='/a.jpg' data-srcset='/a.jpg 1w' loading=lazy>")
                .selectFirst("img");
        assertThat(img.attributes().asList()).extracting(a -> a.getKey()).containsExactly("src");
    }

    @Test
    void a_noscript_image_replaces_the_placeholder_next_to_it() {
        Document doc = normalized("<p>before</p><img src='" + GIF + "' class='lazy'>"
                + "<noscript><img src='/real.jpg' alt='real'></noscript><p>after</p>");

        assertThat(doc.select("img")).hasSize(1);
        assertThat(doc.selectFirst("img").attr("src")).isEqualTo("http://127.0.0.1:8080/real.jpg");
        assertThat(doc.selectFirst("img").attr("alt")).isEqualTo("real");
        assertThat(doc.select("noscript")).isEmpty();
    }

    @Test
    void a_noscript_image_inside_a_wrapper_placeholder_replaces_it_too() {
        Document doc = normalized("<div class='wrap'><img src='" + GIF + "'></div>"
                + "<noscript><img src='https://img.test/p.png'></noscript>");
        assertThat(doc.select("img")).extracting(i -> i.attr("src")).containsExactly("https://img.test/p.png");
    }

    @Test
    void a_picture_source_fills_an_image_without_src() {
        assertThat(onlySrc("<picture><source srcset='/p-800.webp 800w, /p-1600.webp 1600w'><img></picture>"))
                .isEqualTo("http://127.0.0.1:8080/p-1600.webp");
    }

    @Test
    void tracking_pixels_and_images_left_with_only_a_data_placeholder_are_dropped() {
        Document doc = normalized("<img src='https://track.test/p.gif' width='1' height='1'>"
                + "<img src='/pixel.gif' width='0' height='0'>"
                + "<img src='" + GIF + "'>"
                + "<img src='javascript:alert(1)'>"
                + "<img src='/kept.jpg' width='1' height='300'>");
        assertThat(doc.select("img")).extracting(i -> i.attr("src"))
                .containsExactly("http://127.0.0.1:8080/kept.jpg");
    }

    @Test
    void links_resolve_against_the_base_href_of_the_page() {
        Document doc = Jsoup.parse("<html><head><base href='/root/sub/'></head><body>"
                + "<a href='../page.html'>p</a><a href='#top'>t</a><a href='mailto:a@b.test'>m</a>"
                + "<img src='./i.png'></body></html>", BASE);
        LazyImages.normalize(doc.body(), BASE);

        assertThat(doc.select("a")).extracting(a -> a.attr("href")).containsExactly(
                "http://127.0.0.1:8080/root/page.html", "#top", "mailto:a@b.test");
        assertThat(doc.selectFirst("img").attr("src")).isEqualTo("http://127.0.0.1:8080/root/sub/i.png");
    }

    @Test
    void feed_content_without_a_document_resolves_against_the_given_base() {
        Element root = Jsoup.parseBodyFragment("<p><img data-src='../a.jpg'> <a href='/x'>x</a></p>").body();
        LazyImages.normalize(root, "https://feeds.test:8443/f/entry/1");

        assertThat(root.selectFirst("img").attr("src")).isEqualTo("https://feeds.test:8443/f/a.jpg");
        assertThat(root.selectFirst("a").attr("href")).isEqualTo("https://feeds.test:8443/x");
    }

    @Test
    void dot_segments_above_the_root_are_dropped() {
        assertThat(onlySrc("<img src='../../../../top.png'>")).isEqualTo("http://127.0.0.1:8080/top.png");
    }
}

package org.triggerhappy.camel.entries;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FeedLinksTest {
    private static final String PAGE = "http://127.0.0.1:8080/blog/post.html";

    @Test
    void alternate_links_of_the_feed_types_in_document_order_resolved_against_the_page() {
        String html = "<!doctype html><html><head>"
                + "<link rel=\"stylesheet\" type=\"text/css\" href=\"/site.css\">"
                + "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"atom.xml\">"
                + "<link rel=\"alternate\" hreflang=\"de\" type=\"text/html\" href=\"/de/\">"
                + "<link rel=\"Alternate Home\" type=\"Application/RSS+XML; charset=utf-8\" href=\"/rss.xml\">"
                + "<link rel=\"alternate\" type=\"application/feed+json\" href=\"//127.0.0.1:8080/feed.json\">"
                + "<link rel=\"alternate\" type=\"application/json\" href=\"https://other.example/api.json\">"
                + "<link rel=\"alternate\" type=\"application/rss+xml\">"
                + "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"./atom.xml\">"
                + "</head><body><a rel=\"alternate\" type=\"application/rss+xml\" href=\"/anchor.xml\">RSS</a>"
                + "</body></html>";

        assertThat(FeedLinks.alternates(html, PAGE)).containsExactly(
                "http://127.0.0.1:8080/blog/atom.xml",
                "http://127.0.0.1:8080/rss.xml",
                "http://127.0.0.1:8080/feed.json",
                "https://other.example/api.json");
    }

    @Test
    void a_base_href_is_the_base_of_relative_links() {
        String html = "<html><head><base href=\"http://127.0.0.1:8080/static/\">"
                + "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"feed.xml\"></head></html>";

        assertThat(FeedLinks.alternates(html, PAGE)).containsExactly("http://127.0.0.1:8080/static/feed.xml");
    }

    @Test
    void a_page_without_feed_links_has_none() {
        assertThat(FeedLinks.alternates("<html><head><title>x</title></head><body>text</body></html>", PAGE))
                .isEmpty();
        assertThat(FeedLinks.alternates("", PAGE)).isEmpty();
    }

    @Test
    void common_paths_are_on_the_page_origin_in_order() {
        assertThat(FeedLinks.commonPaths("https://u:p@example.org:8443/a/b?x=1#top")).containsExactly(
                "https://u:p@example.org:8443/feed", "https://u:p@example.org:8443/rss",
                "https://u:p@example.org:8443/atom.xml", "https://u:p@example.org:8443/index.xml",
                "https://u:p@example.org:8443/feed.json");
        assertThat(FeedLinks.commonPaths("not a url")).isEmpty();
        assertThat(FeedLinks.commonPaths("/relative/only")).isEmpty();
    }

    @Test
    void a_page_is_told_by_its_content_type_or_its_first_bytes() {
        byte[] html = "\n<!-- x --><!DOCTYPE html><html></html>".getBytes(StandardCharsets.UTF_8);
        byte[] rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"></rss>".getBytes(StandardCharsets.UTF_8);

        assertThat(FeedLinks.isPage(html, null)).isTrue();
        assertThat(FeedLinks.isPage(html, "application/octet-stream")).isTrue();
        assertThat(FeedLinks.isPage(rss, "text/html; charset=utf-8")).isTrue();
        assertThat(FeedLinks.isPage(rss, "application/xhtml+xml")).isTrue();
        assertThat(FeedLinks.isPage(rss, "application/xml")).isFalse();
        assertThat(FeedLinks.isPage("{\"a\":1}".getBytes(StandardCharsets.UTF_8), "application/json")).isFalse();
        assertThat(FeedLinks.isPage(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "image/png")).isFalse();
    }
}

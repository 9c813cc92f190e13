package org.triggerhappy.camel.articles;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArticleExtractorTest {

    private static final String PAGE_URL = "http://127.0.0.1:8123/news/2026/bridge.html";
    private static final List<String> BOILERPLATE = List.of("COOKIESENTINEL", "NAVSENTINEL", "SHARESENTINEL",
            "RELATEDSENTINEL", "COMMENTSENTINEL", "SIDEBARSENTINEL", "NEWSLETTERSENTINEL", "FOOTERSENTINEL",
            "SCRIPTSENTINEL", "STYLESENTINEL");

    private final ArticleExtractor extractor = new ArticleExtractor();

    @Test
    void keeps_the_article_and_none_of_the_navigation_banner_share_bar_related_box_comments_sidebar_or_footer() {
        Article article = extractor.extract(Fixtures.html("news-page.html"), PAGE_URL, null).orElseThrow();

        assertThat(article.html()).contains("The harbour bridge reopened to traffic on Thursday morning",
                "Engineers replaced forty", "Local shop owners welcomed the news", "What changes for drivers",
                "Inspectors will check the new cables");
        for (String sentinel : BOILERPLATE) {
            assertThat(article.html()).as(sentinel).doesNotContain(sentinel);
        }
        assertThat(article.title()).isEqualTo("Harbour bridge reopens after repairs");
        assertThat(article.textLength()).isEqualTo(Jsoup.parseBodyFragment(article.html()).text().length());
    }

    @Test
    void a_trailing_list_of_links_after_a_cue_goes_but_a_related_line_inside_the_text_takes_nothing_else() {
        String body = Fixtures.html("news-page.html").replace("<h2>What changes for drivers</h2>",
                "<p>Related: <a href=\"/n/1\">An older story about the bridge INLINECUESENTINEL</a></p>"
                        + "<h2>What changes for drivers</h2>")
                .replace("<div class=\"related-links\">", "<div class=\"x\"><p>You may also like</p><ul>"
                        + "<li><a href=\"/n/2\">Ferry timetable TAILSENTINEL</a></li>"
                        + "<li><a href=\"/n/3\">Harbour festival</a></li></ul></div><div>");
        Article article = extractor.extract(body, PAGE_URL, null).orElseThrow();

        assertThat(article.html()).contains("The speed limit on the bridge", "Inspectors will check the new cables")
                .doesNotContain("INLINECUESENTINEL").doesNotContain("TAILSENTINEL")
                .doesNotContain("You may also like");
    }

    @Test
    void the_headline_byline_and_photo_caption_go_and_the_photo_stays() {
        Article article = extractor.extract(Fixtures.html("news-page.html"), PAGE_URL, null).orElseThrow();

        Document fragment = Jsoup.parseBodyFragment(article.html());
        assertThat(fragment.select("h1")).isEmpty();
        assertThat(article.html()).doesNotContain("By Jane Reporter").doesNotContain("first day back in service");
        assertThat(fragment.select("img").attr("alt")).isEqualTo("The bridge at dawn");
    }

    @Test
    void a_video_embed_stays_for_the_note_converter_to_turn_into_a_link() {
        String html = Fixtures.html("news-page.html").replace("<h2>What changes for drivers</h2>",
                "<iframe src=\"https://www.youtube.com/embed/abc123\" width=\"560\" height=\"315\"></iframe>"
                        + "<h2>What changes for drivers</h2>");
        Article article = extractor.extract(html, PAGE_URL, null).orElseThrow();

        assertThat(Jsoup.parseBodyFragment(article.html()).select("iframe").attr("src"))
                .isEqualTo("https://www.youtube.com/embed/abc123");
    }

    @Test
    void one_extractor_shared_by_threads_gives_each_the_same_result() throws Exception {
        String html = Fixtures.html("news-page.html");
        String expected = extractor.extract(html, PAGE_URL, null).orElseThrow().html();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> extractor.extract(html, PAGE_URL, null).orElseThrow().html()));
            }
            for (var r : results) {
                assertThat(r.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void hostile_pages_nested_or_spread_far_beyond_any_real_one_still_give_their_text() {
        String words = "<p>" + "Deep words here. ".repeat(60) + "</p>";
        String deep = "<div>".repeat(50) + words + "<div>".repeat(100_000) + "x" + "</div>".repeat(100_050);
        String wide = words + "<div><span>x</span></div>".repeat(100_000);

        assertThat(extractor.extract("<html><body>" + deep + "</body></html>", PAGE_URL, null))
                .hasValueSatisfying(a -> assertThat(a.html()).contains("Deep words here."));
        assertThat(extractor.extract("<html><body>" + wide + "</body></html>", PAGE_URL, null))
                .hasValueSatisfying(a -> assertThat(a.html()).contains("Deep words here."));
    }

    @Test
    void output_is_a_fragment_without_document_tags_scripts_or_styles_and_images_are_absolute() {
        Article article = extractor.extract(Fixtures.html("news-page.html"), PAGE_URL, null).orElseThrow();

        assertThat(article.html()).doesNotContainIgnoringCase("<html").doesNotContainIgnoringCase("<body")
                .doesNotContainIgnoringCase("<head").doesNotContainIgnoringCase("<script")
                .doesNotContainIgnoringCase("<style");
        Document fragment = Jsoup.parseBodyFragment(article.html());
        assertThat(fragment.select("img")).extracting(img -> img.attr("src"))
                .containsExactly("http://127.0.0.1:8123/news/images/bridge.jpg");
    }

    @Test
    void finds_the_article_on_a_page_of_divs_without_semantic_tags() {
        Article article = extractor.extract(Fixtures.html("div-soup.html"), "http://127.0.0.1:8123/blog/x",
                null).orElseThrow();

        assertThat(article.html()).contains("This year the tomatoes came in late", "The beans did well too",
                "Next year we will start the tomatoes indoors");
        assertThat(article.html()).doesNotContain("LINKSENTINEL").doesNotContain("SOUPSIDESENTINEL")
                .doesNotContain("SOUPFOOTSENTINEL");
        assertThat(Jsoup.parseBodyFragment(article.html()).select("img").attr("src"))
                .isEqualTo("http://127.0.0.1:8123/pics/tomatoes.jpg");
    }

    @Test
    void a_selector_picks_every_match_in_document_order_and_nothing_else() {
        Article article = extractor.extract(Fixtures.html("news-page.html"), PAGE_URL, "article.story > p, h2")
                .orElseThrow();

        Document fragment = Jsoup.parseBodyFragment(article.html());
        assertThat(fragment.body().children()).extracting(Element::tagName)
                .containsExactly("p", "p", "p", "h2", "p", "p");
        assertThat(fragment.body().child(0).text()).startsWith("The harbour bridge reopened");
        assertThat(article.html()).doesNotContain("SHARESENTINEL").doesNotContain("COMMENTSENTINEL");
    }

    @Test
    void a_selector_match_nested_in_another_match_is_taken_once() {
        Article article = extractor.extract(Fixtures.html("news-page.html"), PAGE_URL, "article, article p")
                .orElseThrow();

        String html = article.html();
        int first = html.indexOf("Engineers replaced forty");
        assertThat(first).isNotNegative();
        assertThat(html.indexOf("Engineers replaced forty", first + 1)).isNegative();
    }

    @ParameterizedTest
    @ValueSource(strings = {"article[[", "div:has(", ".no-such-class", "#missing > p"})
    void an_invalid_selector_or_one_that_matches_nothing_gives_empty(String selector) {
        assertThat(extractor.extract(Fixtures.html("news-page.html"), PAGE_URL, selector)).isEmpty();
    }

    @Test
    void relative_urls_resolve_against_the_base_href_keeping_the_port_and_removing_dot_segments() {
        String html = Fixtures.html("news-page.html").replace("<head>",
                "<head><base href=\"/static/v2/\">").replace("../images/bridge.jpg", "../../img/./bridge.jpg")
                .replace("href=\"/news/ferry\"", "href=\"../ferry.html?x=1#top\"");
        Article article = extractor.extract(html, PAGE_URL, "article").orElseThrow();

        Document fragment = Jsoup.parseBodyFragment(article.html());
        assertThat(fragment.select("img").attr("src")).isEqualTo("http://127.0.0.1:8123/img/bridge.jpg");
        assertThat(fragment.select("a[href*=ferry]").attr("href"))
                .isEqualTo("http://127.0.0.1:8123/static/ferry.html?x=1#top");
    }

    @Test
    void readability_mode_keeps_the_port_and_normalises_dot_segments_too() {
        String html = Fixtures.html("news-page.html").replace("../images/bridge.jpg", "./../../pics/../img/b.jpg");
        Article article = extractor.extract(html, "https://127.0.0.1:8443/a/b/c/page", null).orElseThrow();

        assertThat(Jsoup.parseBodyFragment(article.html()).select("img").attr("src"))
                .isEqualTo("https://127.0.0.1:8443/a/img/b.jpg");
    }

    @Test
    void a_windows_1252_page_decoded_from_its_bytes_keeps_its_accents() {
        String page = Fixtures.html("news-page.html").replace("<meta charset=\"utf-8\">",
                "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">")
                .replace("Local shop owners welcomed", "Caf\u00e9 owners \u2013 \u201cfinally\u201d \u2013 welcomed");
        byte[] bytes = page.getBytes(java.nio.charset.Charset.forName("windows-1252"));

        Article article = extractor.extract(PageDecoder.decode(bytes, "text/html"), PAGE_URL, null).orElseThrow();

        assertThat(article.html()).contains("Caf\u00e9 owners \u2013 \u201cfinally\u201d \u2013 welcomed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n ", "<html></html>", "<html><body><div></div></body></html>",
        "\u0000\u0001\u0002\uFFFD\uFFFD not html at all", "<<<>>>&&&;;;"})
    void an_empty_or_garbage_page_gives_empty(String html) {
        assertThat(extractor.extract(html, PAGE_URL, null)).isEmpty();
        assertThat(extractor.extract(html, PAGE_URL, "p")).isEmpty();
    }

    @Test
    void random_bytes_give_empty_or_an_article_but_never_an_error() {
        Random random = new Random(42);
        for (int i = 0; i < 20; i++) {
            byte[] bytes = new byte[2000 + random.nextInt(5000)];
            random.nextBytes(bytes);
            String html = PageDecoder.decode(bytes, null);
            extractor.extract(html, PAGE_URL, null).ifPresent(a -> assertThat(a.html()).doesNotContain("<script"));
        }
        assertThat(extractor.extract(null, PAGE_URL, null)).isEmpty();
        assertThat(extractor.extract(new String(new byte[0], StandardCharsets.UTF_8), null, null)).isEmpty();
    }

    @Test
    void a_huge_page_is_cut_to_the_element_budget_and_still_yields_its_article() {
        StringBuilder html = new StringBuilder("<html><body>")
                .append(Fixtures.html("news-page.html").replaceAll("(?s).*<body>|</body>.*", ""));
        for (int i = 0; i < PageBudget.MAX_ELEMENTS; i++) {
            html.append("<div><span>filler ").append(i).append("</span></div>");
        }
        html.append("<p>AFTERBUDGETSENTINEL</p></body></html>");

        Article article = extractor.extract(html.toString(), PAGE_URL, null).orElseThrow();

        assertThat(article.html()).contains("Engineers replaced forty").doesNotContain("AFTERBUDGETSENTINEL");
    }

    @Test
    void the_budget_drops_elements_past_the_cap_in_document_order() {
        Document doc = Jsoup.parse("<div id=a><p id=b>x</p><p id=c>y</p></div><div id=d><p id=e>z</p></div>");
        int dropped = PageBudget.trim(doc, 6, 100); // html, head, body, div#a, p#b, p#c

        assertThat(dropped).isEqualTo(1); // div#d, with p#e inside it
        assertThat(doc.select("[id]")).extracting(Element::id).containsExactly("a", "b", "c");
    }

    @Test
    void the_budget_drops_children_past_the_cap_under_one_parent() {
        Document doc = Jsoup.parse("<ul id=u><li id=1>a</li><li id=2>b</li><li id=3>c</li></ul><p id=p>after</p>");
        PageBudget.trim(doc, 100, 2);

        assertThat(doc.select("[id]")).extracting(Element::id).containsExactly("u", "1", "2", "p");
    }
}

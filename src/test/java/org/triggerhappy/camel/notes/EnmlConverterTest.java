package org.triggerhappy.camel.notes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EnmlConverterTest {

    private static final String BASE = "https://blog.example.org/2024/05/post.html";
    private static final String LINK = "https://blog.example.org/2024/05/post.html";

    private final EnmlConverter converter = new EnmlConverter();
    private final EnmlValidator validator = EnmlValidator.shared();

    /** Hostile or broken HTML: what must survive, what must not. */
    record Case(String name, String html, List<String> kept, List<String> gone) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
            new Case("script and style removed with content",
                "<p>before</p><script>alert('x')</script><style>p{color:red}</style><p>after</p>",
                List.of("<p>before</p>", "<p>after</p>"), List.of("script", "alert", "style", "color:red")),
            new Case("event handlers dropped, element kept",
                "<img src=\"https://img.example.org/a.png\" onerror=\"alert(1)\"><p onclick=\"x()\" onmouseover=\"y()\">t</p>",
                List.of("<img src=\"https://img.example.org/a.png\"/>", "<p>t</p>"), List.of("onerror", "onclick", "alert")),
            new Case("javascript:, vbscript: and data: links unwrapped to their text",
                "<a href=\"javascript:alert(1)\">one</a> <a href=\" JaVaScRiPt:evil()\">two</a> "
                    + "<a href=\"vbscript:x\">three</a> <a href=\"data:text/html,<b>x</b>\">four</a>",
                List.of("one", "two", "three", "four"), List.of("<a", "javascript", "vbscript", "data:")),
            new Case("form, noscript, template, svg removed; iframe, object, embed become links, content dropped",
                "<iframe src=\"https://evil.example/\">frame text</iframe><object data=\"x.swf\"><param name=a value=b>obj</object>"
                    + "<embed src=\"x.swf\"><form action=\"/post\"><input name=q><button>Go</button></form>"
                    + "<noscript>enable js</noscript><template><p>tpl</p></template>"
                    + "<svg><circle r=\"1\"/><text>svgtext</text></svg><p>kept</p>",
                List.of("<p>kept</p>", "<a href=\"https://evil.example/\">Embedded content: evil.example</a>",
                    "<a href=\"https://blog.example.org/2024/05/x.swf\">Embedded content: blog.example.org</a>"),
                List.of("<iframe", "frame text", "<object", "obj<", "<embed", "<param", "form", "input", "Go", "enable js",
                    "tpl", "svg", "svgtext")),
            new Case("id, class, data-*, aria-*, role, srcset dropped (its candidate is the image shown)",
                "<div id=\"main\" class=\"post\" data-reactid=\".0\" aria-hidden=\"true\" role=\"main\" tabindex=\"1\">"
                    + "<img src=\"https://i.example.org/x.jpg\" srcset=\"x2.jpg 2x\" sizes=\"100vw\" loading=\"lazy\" alt=\"X\" width=\"10\"></div>",
                List.of("<div><img src=\"https://blog.example.org/2024/05/x2.jpg\" alt=\"X\" width=\"10\"/></div>"),
                List.of("id=", "class=", "data-", "aria-", "role=", "tabindex", "srcset", "sizes", "loading")),
            new Case("comments dropped, also conditional ones",
                "<p>a<!-- secret --><!--[if IE]><b>ie</b><![endif]-->b</p>",
                List.of("<p>ab</p>"), List.of("<!--", "secret", "ie")),
            new Case("HTML5 elements unwrapped, text kept",
                "<article><header><h1>Title</h1><time datetime=\"2024-01-01\">Jan 1</time></header><section><p>Body</p></section>"
                    + "<figure><picture><source srcset=\"a.webp\"><img src=\"https://i.example.org/p.jpg\"></picture>"
                    + "<figcaption>Caption</figcaption></figure><aside>Side</aside><mark>hl</mark><footer>foot</footer></article>",
                List.of("<h1>Title</h1>", "Jan 1", "<p>Body</p>", "<img src=\"https://i.example.org/p.jpg\"/>", "Caption", "Side", "hl", "foot"),
                List.of("article", "section", "figure", "picture", "source", "time", "aside", "mark", "<header", "<footer")),
            new Case("nested tables kept",
                "<table border=\"1\"><tr><td><table><tr><th colspan=\"2\">inner</th></tr></table></td><td>outer</td></tr></table>",
                List.of("<table border=\"1\">", "<th colspan=\"2\">inner</th>", "<td>outer</td>"), List.of()),
            new Case("malformed tags repaired",
                "<p>one<p>two<b>bold<i>both</b>italic</i><div>unclosed<span>x",
                List.of("<p>one</p>", "two", "bold", "both", "italic", "unclosed", "<span>x</span>"), List.of()),
            new Case("entities become UTF-8 characters",
                "<p>a&nbsp;b &hellip; &euro; &eacute; &mdash; &rarrw; &#x1F600; &amp; &lt;tag&gt;</p>",
                List.of("a\u00a0b \u2026 \u20ac \u00e9 \u2014 \u219d \uD83D\uDE00 &amp; &lt;tag&gt;"), List.of("&nbsp;", "&hellip;", "&rarrw;")),
            new Case("XML-illegal control characters removed",
                "<p>a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg\u007Fh\u0085i\uFFFEj\uFFFFk\uD800l</p>\t\n",
                List.of("<p>abcdefghijkl</p>"), List.of("\u0000", "\u0001", "\u0008", "\u000B", "\u000C", "\uFFFE", "\uD800")),
            new Case("relative links and images made absolute",
                "<a href=\"other.html\">o</a><a href=\"/root?q=1&x=2\">r</a><a href=\"#sec\">f</a><img src=\"../img/i.png\">",
                List.of("href=\"https://blog.example.org/2024/05/other.html\"", "href=\"https://blog.example.org/root?q=1&amp;x=2\"",
                    "href=\"https://blog.example.org/2024/05/post.html#sec\"", "src=\"https://blog.example.org/2024/img/i.png\""),
                List.of("href=\"other", "href=\"/", "href=\"#")),
            new Case("protocol-relative links take the base scheme",
                "<a href=\"//cdn.example.net/x\">cdn</a><img src=\"//cdn.example.net/i.gif\">",
                List.of("<a href=\"https://cdn.example.net/x\">cdn</a>", "<img src=\"https://cdn.example.net/i.gif\"/>"), List.of()),
            new Case("mailto kept, ftp and file dropped",
                "<a href=\"mailto:ann@example.org\">mail</a><a href=\"ftp://f.example.org/x\">ftp</a><a href=\"file:///etc/passwd\">file</a>",
                List.of("<a href=\"mailto:ann@example.org\">mail</a>", "ftp", "file"), List.of("ftp://", "file:")),
            new Case("odd characters in URLs percent-encoded, IDN host punycoded",
                "<a href=\"https://例え.jp/パス?q=a b|c\">idn</a>",
                List.of("href=\"https://xn--r8jz45g.jp/%E3%83%91%E3%82%B9?q=a%20b%7Cc\""), List.of()),
            new Case("images without http(s) source removed",
                "<img src=\"data:image/png;base64,AAAA\"><img src=\"javascript:x\"><img><p>t</p>",
                List.of("<p>t</p>"), List.of("<img")),
            new Case("harmless style kept, dangerous style dropped",
                "<p style=\"color: red; font-weight: bold\">a</p><p style=\"background:url(https://t.example/x)\">b</p>"
                    + "<p style=\"width: expression(alert(1))\">c</p><p style=\"position:fixed;top:0\">d</p>",
                List.of("<p style=\"color: red; font-weight: bold\">a</p>", "<p>b</p>", "<p>c</p>", "<p>d</p>"),
                List.of("url(", "expression", "fixed")),
            new Case("attributes not declared for the element dropped",
                "<div width=\"3\" align=\"center\">d</div><span align=\"left\">s</span><br clear=\"all\" lang=\"en\"><font color=\"red\" face=\"x\">f</font>",
                List.of("<div align=\"center\">d</div>", "<span>s</span>", "<br clear=\"all\"/>", "<font color=\"red\" face=\"x\">f</font>"),
                List.of("width", "align=\"left\"", "lang")),
            new Case("CDATA in HTML is not passed through",
                "<p>x<![CDATA[ <script>alert(1)</script> ]]>y</p>",
                List.of("x", "y"), List.of("CDATA", "<script")),
            new Case("whole HTML page: head dropped, body kept",
                "<!DOCTYPE html><html><head><title>Page</title><meta charset=utf-8><link rel=stylesheet href=s.css></head>"
                    + "<body bgcolor=\"red\"><p>content</p></body></html>",
                List.of("<p>content</p>"), List.of("Page", "meta", "stylesheet", "bgcolor", "<!DOCTYPE html")),
            new Case("quotes and ampersands in attributes escaped",
                "<img src=\"https://i.example.org/x.png\" alt='say \"hi\" & <bye>' title=\"a&amp;b\">",
                List.of("alt=\"say &quot;hi&quot; &amp; &lt;bye&gt;\"", "title=\"a&amp;b\""), List.of()),
            new Case("ENML-only elements from the feed are not trusted",
                "<en-media type=\"image/png\" hash=\"abc\"></en-media><en-todo checked=\"true\"></en-todo><en-crypt>x</en-crypt>",
                List.of(), List.of("en-media", "en-todo", "en-crypt")),
            new Case("pre keeps its whitespace",
                "<pre>line 1\n    indented\n</pre>",
                List.of("<pre>line 1\n    indented\n</pre>"), List.of())
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void converts_hostile_html_to_valid_enml(Case c) {
        String enml = converter.toEnml(c.html(), BASE, "Trigger", LINK);

        assertThat(validator.problems(enml)).as(enml).isEmpty();
        String body = body(enml);
        for (String kept : c.kept()) {
            assertThat(body).as(enml).contains(kept);
        }
        for (String gone : c.gone()) {
            assertThat(body).as(enml).doesNotContain(gone);
        }
    }

    @Test
    void writes_the_enml_prolog_and_a_footer_with_the_source_link() {
        String enml = converter.toEnml("<p>x</p>", BASE, "My feed", LINK);

        assertThat(enml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!DOCTYPE en-note SYSTEM \"http://xml.evernote.com/pub/enml2.dtd\">\n<en-note>");
        assertThat(enml).endsWith("<hr/><div>Provided by <em>My feed</em> from <a href=\"" + LINK + "\">" + LINK + "</a></div></en-note>");
    }

    @Test
    void footer_falls_back_to_the_link_and_is_omitted_without_link() {
        assertThat(converter.toEnml("<p>x</p>", BASE, null, LINK))
                .endsWith("<hr/><div>From <a href=\"" + LINK + "\">" + LINK + "</a></div></en-note>");
        assertThat(converter.toEnml("<p>x</p>", BASE, "label", null)).doesNotContain("<hr/>").endsWith("<p>x</p></en-note>");
        // A link that cannot be an href is still shown, as text.
        String odd = converter.toEnml("<p>x</p>", null, null, "urn:isbn:123");
        assertThat(odd).endsWith("<div>From urn:isbn:123</div></en-note>");
        assertThat(validator.problems(odd)).isEmpty();
    }

    @Test
    void relative_links_without_base_are_unwrapped() {
        String enml = converter.toEnml("<a href=\"page.html\">rel</a> <a href=\"https://ok.example/\">abs</a>", null, null, null);

        assertThat(body(enml)).isEqualTo("rel <a href=\"https://ok.example/\">abs</a>");
    }

    @Test
    void null_empty_and_text_only_input_give_valid_notes() {
        assertThat(body(converter.toEnml(null, null, null, null))).isEmpty();
        assertThat(body(converter.toEnml("", BASE, null, null))).isEmpty();
        assertThat(body(converter.toEnml("just < text > & more", BASE, null, null))).isEqualTo("just &lt; text &gt; &amp; more");
        assertThat(validator.problems(converter.toEnml(null, null, null, null))).isEmpty();
    }

    @Test
    void deep_nesting_is_flattened_without_losing_text() {
        String html = "<div>".repeat(5_000) + "deep" + "</div>".repeat(5_000);
        String enml = converter.toEnml(html, BASE, null, null);

        assertThat(validator.problems(enml)).isEmpty();
        assertThat(enml).contains("deep");
        assertThat(enml.split("<div>", -1).length - 1).isLessThanOrEqualTo(EnmlConverter.MAX_DEPTH);
    }

    @Test
    void huge_input_is_truncated_at_the_content_limit_with_a_visible_marker() {
        String paragraph = "<p id=\"p\">Lorem ipsum dolor sit amet, <b>consectetur</b> adipiscing élit &amp; more.</p>";
        String html = paragraph.repeat(7_000_000 / paragraph.length());

        String enml = converter.toEnml(html, BASE, "Big", LINK);

        assertThat(enml.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(EnmlValidator.CONTENT_LEN_MAX)
                .isGreaterThan(EnmlValidator.CONTENT_LEN_MAX - 1_000);
        assertThat(enml).contains("<div>[Truncated: the full article is at <a href=\"" + LINK + "\">" + LINK + "</a>]</div>"
                + "<hr/><div>Provided by");
        assertThat(validator.problems(enml)).isEmpty();
    }

    @Test
    void truncation_never_breaks_markup_at_any_budget() {
        String html = "<table><tr><td><b>x&amp;y</b> <a href=\"/a\">é😀 link</a></td></tr></table><p>" + "word ".repeat(50) + "</p>";
        for (int budget = 0; budget < 900; budget += 7) {
            String enml = new EnmlConverter(300 + budget).toEnml(html, BASE, "T", LINK);
            assertThat(validator.problems(enml)).as("budget %d: %s", budget, enml).isEmpty();
            assertThat(enml.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(Math.max(300 + budget, minimumSize()));
        }
    }

    @Test
    void input_beyond_the_parse_cap_is_cut_and_marked() {
        String html = "a".repeat(EnmlConverter.INPUT_MAX_CHARS + 10);
        String enml = new EnmlConverter(1_000_000_000).toEnml(html, BASE, null, LINK);

        assertThat(enml).contains("[Truncated: the full article is at");
        assertThat(enml.length()).isLessThan(EnmlConverter.INPUT_MAX_CHARS + 1_000);
    }

    @Test
    void plain_text_enml_escapes_and_keeps_paragraphs() {
        String enml = converter.plainTextEnml("First <b>line</b> & co\r\nsecond line\n\n\n  Next\u0001 paragraph", "Feed", LINK);

        assertThat(validator.problems(enml)).isEmpty();
        assertThat(body(enml)).startsWith("<p>First &lt;b&gt;line&lt;/b&gt; &amp; co<br/>second line</p><p>Next paragraph</p>");
        assertThat(enml).contains("<hr/><div>Provided by <em>Feed</em>");
        assertThat(validator.problems(converter.plainTextEnml(null, null, null))).isEmpty();
    }

    @Test
    void text_of_html_decodes_entities_drops_scripts_and_keeps_blocks() {
        assertThat(EnmlConverter.textOf("<h1>T&eacute;</h1><p>a <b>b</b></p><script>evil()</script><ul><li>x</li><li>y</li></ul>a<br>b"))
                .isEqualTo("Té\n\na b\n\nx\n\ny\n\na\nb");
        assertThat(EnmlConverter.textOf(null)).isEmpty();
    }

    private static int minimumSize() {
        // Prolog, en-note, footer and reserved marker: below this no body fits at all.
        return new EnmlConverter(0).toEnml("", BASE, "T", LINK).length() + 200;
    }

    static String body(String enml) {
        String noFooter = enml.replaceAll("<hr/><div>(Provided by|From) .*</div></en-note>$", "</en-note>");
        return noFooter.substring(noFooter.indexOf("<en-note>") + 9, noFooter.lastIndexOf("</en-note>"));
    }
}

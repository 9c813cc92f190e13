package org.triggerhappy.camel.notes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random soup of allowed and forbidden markup, attributes, entities and odd characters always gives valid ENML. */
class EnmlConverterPropertiesTest {

    private final EnmlConverter converter = new EnmlConverter();
    private final EnmlValidator validator = EnmlValidator.shared();

    @Property(tries = 400)
    void any_html_converts_to_valid_enml(@ForAll("html") String html, @ForAll("links") String link) {
        String enml = converter.toEnml(html, link, "Trigger <&> \"label\"", link);

        assertThat(validator.problems(enml)).as(html).isEmpty();
        assertThat(enml.length()).isLessThanOrEqualTo(EnmlValidator.CONTENT_LEN_MAX);
    }

    @Property(tries = 200)
    void the_plain_text_fallback_is_always_valid(@ForAll("html") String html, @ForAll("links") String link) {
        String enml = converter.plainTextEnml(EnmlConverter.textOf(html), "label", link);

        assertThat(validator.problems(enml)).as(html).isEmpty();
    }

    @Property(tries = 200)
    void truncated_notes_stay_valid(@ForAll("html") String html) {
        String enml = new EnmlConverter(700).toEnml(html + html + html, "https://example.org/a/", null, "https://example.org/a/");

        assertThat(validator.problems(enml)).as(html).isEmpty();
    }

    @Provide
    Arbitrary<String> links() {
        return Arbitraries.of("https://example.org/dir/entry.html", "http://example.org", "//cdn.example.org/x",
                "relative/path", "javascript:alert(1)", "mailto:someone@example.org", "https://exa mple.org/ä?q=<>\"",
                "urn:uuid:1234", "").injectNull(0.2);
    }

    @Provide
    Arbitrary<String> html() {
        return Arbitraries.oneOf(List.of(openTag(), closeTag(), text(), entity(), oddities()))
                .list().ofMaxSize(60)
                .map(parts -> String.join("", parts));
    }

    private static Arbitrary<String> tagName() {
        return Arbitraries.of(
                // kept
                "p", "div", "a", "b", "i", "span", "table", "tr", "td", "th", "tbody", "img", "br", "hr", "pre", "ul",
                "ol", "li", "font", "h1", "blockquote", "q", "del", "col", "colgroup", "caption", "sub", "center",
                // dropped with content
                "script", "style", "iframe", "form", "input", "svg", "noscript", "template", "object", "embed",
                "textarea", "title", "head", "video", "math", "select", "option",
                // unwrapped
                "figure", "figcaption", "section", "article", "time", "picture", "source", "mark", "main", "nav",
                "html", "body", "en-media", "en-todo", "en-note", "o:p", "xmp", "plaintext", "label", "fieldset", "x-custom");
    }

    private static Arbitrary<String> attribute() {
        Arbitrary<String> names = Arbitraries.of("href", "src", "cite", "style", "id", "class", "onclick", "onerror",
                "data-x", "aria-label", "role", "width", "height", "align", "colspan", "alt", "title", "lang", "dir",
                "xml:lang", "xmlns", "name", "srcset", "tabindex", "hash", "type", "checked", "bgcolor", "\"quoted\"");
        Arbitrary<String> values = Arbitraries.oneOf(List.of(
                Arbitraries.of("https://example.org/x?a=1&b=2", "/root", "../up", "#frag", "//cdn.example.org/i.png",
                        "javascript:alert(1)", "data:image/png;base64,AAA", "mailto:x@example.org", "vbscript:x",
                        "color:red", "background:url(http://t.example/)", "x:expression(1)", "100", "",
                        "\u0001\u0000\uFFFE", "a\"b'c<d>&e", "http://[::1]:8080/", "http://例え.jp/パス", "%zz%41"),
                Arbitraries.strings().ofMaxLength(12)));
        Arbitrary<String> quote = Arbitraries.of("\"", "'", "");
        return Combinators.combine(names, values, quote).as((n, v, q) -> " " + n + "=" + q + v + q);
    }

    private static Arbitrary<String> openTag() {
        return Combinators.combine(tagName(), attribute().list().ofMaxSize(4), Arbitraries.of(">", "/>", ""))
                .as((name, attrs, end) -> "<" + name + String.join("", attrs) + end);
    }

    private static Arbitrary<String> closeTag() {
        return tagName().map(name -> "</" + name + ">");
    }

    private static Arbitrary<String> text() {
        return Arbitraries.oneOf(List.of(
                Arbitraries.strings().ofMaxLength(20), // any char: controls, lone surrogates, noncharacters
                Arbitraries.strings().alpha().numeric().whitespace().ofMaxLength(30),
                Arbitraries.of("Évènement — “quoted” 😀 日本語", "\u00a0", "\r\n", "\t")));
    }

    private static Arbitrary<String> entity() {
        return Arbitraries.of("&nbsp;", "&hellip;", "&euro;", "&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&rarrw;",
                "&#0;", "&#1;", "&#xD800;", "&#x1F600;", "&#65535;", "&#x110000;", "&bogus;", "&amp", "&", "&#",
                "&eacute", "&NotNestedGreaterGreater;");
    }

    private static Arbitrary<String> oddities() {
        return Arbitraries.of("<!-- comment -->", "<!--", "-->", "<![CDATA[ x ]]>", "]]>", "<!DOCTYPE html>",
                "<?php echo 1; ?>", "<?xml version=\"1.0\"?>", "<", ">", "</", "<<p>>", "<a href=", "<p <b>",
                "<!ENTITY x \"y\">", "&x;", "<br/>", "<img src=x onerror=alert(1)//");
    }
}

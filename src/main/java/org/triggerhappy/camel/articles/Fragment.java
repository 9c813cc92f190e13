package org.triggerhappy.camel.articles;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/** Turns the element a strategy picked into the {@link Article}: a clean fragment with absolute URLs. */
final class Fragment {

    /** Never content in a note; embeds (iframe, video...) stay for the note converter to turn into links. */
    private static final Evaluator DROPPED = QueryParser.parse("script, style, noscript, template, link, meta, base,"
            + " head, title, input, button, select, textarea, option, dialog, svg, canvas");
    private static final Evaluator FORMS = QueryParser.parse("form");
    private static final Evaluator NOT_WEB_IMAGES = QueryParser.parse("img:not([src^=http])");

    /** Fewer words than this is no article: an error stub, a garbage page, a lone caption. */
    static final int MIN_WORDS = 10;
    /** Ten words are found in this much text, unless it is mostly numbers and punctuation. */
    private static final int WORDS_LOOKED_AT = 2000;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]{2,}");

    private Fragment() {
    }

    private static int words(String text) {
        int n = 0;
        for (Matcher m = WORD.matcher(text); m.find() && n < MIN_WORDS;) {
            n++;
        }
        return n;
    }

    /** @param base the page's effective base URL (its final URL, or its {@code <base href>}) */
    static Optional<Article> of(Picked picked, String base) {
        Element content = picked.content();
        content.select(DROPPED).remove();
        if (picked.trim()) {
            content = ArticleTrim.trimmed(content, picked.title());
        }
        // some sites (ASP.NET) wrap the whole page in a form: keep what it holds
        content.select(FORMS).unwrap();
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                return node instanceof Comment ? FilterResult.REMOVE : FilterResult.CONTINUE;
            }
        }, content);
        LazyImages.normalizeAgainst(content, base);
        content.select(NOT_WEB_IMAGES).remove();
        int textLength = Texts.length(content);
        if (words(textLength > WORDS_LOOKED_AT ? Texts.prefix(content, WORDS_LOOKED_AT) : content.text())
                < MIN_WORDS) {
            return Optional.empty();
        }
        Element body = unwrap(content);
        String title = picked.title() == null ? "" : picked.title().strip();
        return Optional.of(new Article(title, html(body), textLength));
    }

    /**
     * The inner HTML as written, without jsoup's pretty-printing (indentation the note converter would only
     * collapse again, at a cost per character).
     */
    private static String html(Element body) {
        Document shell = Document.createShell("");
        shell.outputSettings().prettyPrint(false);
        shell.body().appendChild(body);
        return body.html();
    }

    /** html, body and the extractors' own wrapper divs say nothing: their children are the article. */
    private static Element unwrap(Element content) {
        Element e = content;
        while (e.childrenSize() == 1 && e.textNodes().stream().allMatch(t -> t.isBlank())
                && (e.tagName().equals("html") || e.tagName().equals("body") || e.tagName().equals("div"))) {
            e = e.child(0);
        }
        if (e.tagName().equals("html") || e.tagName().equals("body")) {
            Element div = new Element("div");
            div.appendChildren(e.childNodesCopy());
            return div;
        }
        return e.tagName().equals("div") ? e : wrap(e);
    }

    private static Element wrap(Element e) {
        Element div = new Element("div");
        div.appendChild(e.clone());
        return div;
    }
}

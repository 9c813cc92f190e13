package org.triggerhappy.camel.articles;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeFilter;

/** Turns the element a strategy picked into the {@link Article}: a clean fragment with absolute URLs. */
final class Fragment {

    /** Never content in a note; embeds (iframe, video...) stay for the note converter to turn into links. */
    private static final String DROPPED = "script, style, noscript, template, link, meta, base, head, title, "
            + "input, button, select, textarea, option, dialog, svg, canvas";

    /** Fewer words than this is no article: an error stub, a garbage page, a lone caption. */
    static final int MIN_WORDS = 10;
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

    static Optional<Article> of(Picked picked, String baseUrl) {
        Element content = picked.content();
        content.select(DROPPED).remove();
        if (picked.trim()) {
            content = ArticleTrim.trimmed(content, picked.title());
        }
        // some sites (ASP.NET) wrap the whole page in a form: keep what it holds
        content.select("form").unwrap();
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                return node instanceof Comment ? FilterResult.REMOVE : FilterResult.CONTINUE;
            }
        }, content);
        LazyImages.normalize(content, baseUrl);
        content.select("img:not([src^=http])").remove();
        String text = content.text();
        if (words(text) < MIN_WORDS) {
            return Optional.empty();
        }
        int textLength = text.length();
        Element body = unwrap(content);
        String title = picked.title() == null ? "" : picked.title().strip();
        return Optional.of(new Article(title, body.html(), textLength));
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

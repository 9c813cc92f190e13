package org.triggerhappy.camel.articles;

import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * Trims what Readability keeps around an article body although it is not the body: the headline (the note
 * has its own title), bylines and dates, photo captions, boilerplate nested inside the article (share bars,
 * "more stories" teasers as further {@code <article>} elements) and a trailing "related" tail.
 */
final class ArticleTrim {

    private static final Set<String> META_WORDS = Set.of("byline", "author", "authors", "dateline", "timestamp",
            "date", "published", "posted", "updated", "kicker", "eyebrow");
    /** Longer than this, a "byline" is not one: some sites put the whole article in an "author-content" div. */
    private static final int MAX_META_TEXT = 200;
    /**
     * Photo captions and credits: the hand-made article bodies extraction is judged against leave them out,
     * and in a note the image shows without them (its alt text stays).
     */
    private static final Evaluator CAPTIONS =
            QueryParser.parse("figcaption, [class~=(?i)(^|[-_ ])(caption|credit|credits)($|[-_ ])]");
    private static final Evaluator HEADINGS = QueryParser.parse("h1, h2, h3");
    private static final Evaluator MAYBE_META = QueryParser.parse("time, [class], [id]");
    private static final Evaluator MEDIA = QueryParser.parse("img, picture, video, iframe");

    /** Most of the text gone means the trim misread the page: the untrimmed article is better then. */
    private static final double MIN_KEPT = 0.5;

    private ArticleTrim() {
    }

    /** The trimmed article, or {@code content} itself when trimming would have removed most of its text. */
    static Element trimmed(Element content, String title) {
        int before = Texts.length(content);
        Element copy = content.clone();
        trim(copy, title);
        return Texts.length(copy) >= before * MIN_KEPT ? copy : content;
    }

    static void trim(Element content, String title) {
        String normalizedTitle = normalize(title);
        Element firstH1 = content.getElementsByTag("h1").first();
        for (Element h : content.select(HEADINGS)) {
            String text = normalize(h.text());
            // the headline: the first h1, or a heading repeating the page title
            if (h == firstH1 || !text.isEmpty() && !normalizedTitle.isEmpty() && normalizedTitle.startsWith(text)) {
                h.remove();
            }
        }
        for (Element e : content.select(MAYBE_META)) {
            if (e.parent() != null && isMeta(e) && Texts.prefix(e, MAX_META_TEXT).length() <= MAX_META_TEXT) {
                e.remove();
            }
        }
        for (Element caption : content.select(CAPTIONS)) {
            // a wrapper named "image-caption" may hold the image itself: only its text goes then
            if (caption.selectFirst(MEDIA) == null) {
                caption.remove();
            } else {
                caption.textNodes().forEach(org.jsoup.nodes.Node::remove);
            }
        }
        Boilerplate.strip(content);
        dropTeaserArticles(content);
        TrailingBoilerplate.cut(content);
    }

    /**
     * Several {@code <article>} elements in one article: the one with the most text of its own is it, much
     * smaller ones after it are "more stories" teasers.
     */
    private static void dropTeaserArticles(Element content) {
        Elements articles = content.getElementsByTag("article");
        if (articles.size() < 2) {
            return;
        }
        int biggest = 0;
        int most = -1;
        for (int i = 0; i < articles.size(); i++) {
            int length = ownArticleText(articles.get(i));
            if (length > most) {
                biggest = i;
                most = length;
            }
        }
        Element main = articles.get(biggest);
        for (int i = biggest + 1; i < articles.size(); i++) {
            Element a = articles.get(i);
            if (!a.parents().contains(main) && Boilerplate.unlinkedText(a) * 3 < most) {
                a.remove();
            }
        }
    }

    private static int ownArticleText(Element article) {
        int nested = 0;
        for (Element inner : article.getElementsByTag("article")) {
            if (inner != article && inner.parent() != null && inner.parents().stream()
                    .filter(p -> p.normalName().equals("article")).findFirst().orElse(null) == article) {
                nested += Boilerplate.unlinkedText(inner);
            }
        }
        return Boilerplate.unlinkedText(article) - nested;
    }

    private static boolean isMeta(Element e) {
        return e.normalName().equals("time") || ClassWords.any(META_WORDS, e.className(), e.id());
    }

    private static String normalize(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }
}

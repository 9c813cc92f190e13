package org.triggerhappy.camel.articles;

import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;

/**
 * Finds a page's main article: by CSS selector when the trigger gives one, else with Readability (Mozilla's
 * algorithm, Readability4J) after known boilerplate is removed. Thread-safe, share one.
 */
public final class ArticleExtractor {

    public ArticleExtractor() {
    }

    /**
     * @param html the decoded page
     * @param pageUrl the final URL after redirects: relative URLs resolve against it (or the page's base href)
     * @param selector a CSS selector picking the article (every match, in document order), or null for
     *     Readability
     * @return the article; empty when there is none, or the selector is invalid or matches nothing
     */
    public Optional<Article> extract(String html, String pageUrl, String selector) {
        if (html == null || html.isBlank()) {
            return Optional.empty();
        }
        Document doc = parse(html, pageUrl);
        PageBudget.trim(doc);
        LazyImages.normalize(doc.body(), pageUrl);
        Optional<Picked> picked = selector != null && !selector.isBlank()
                ? SelectorPick.pick(doc, selector)
                : ReadabilityPass.run(doc);
        return picked.flatMap(p -> Fragment.of(p, pageUrl));
    }

    private static Document parse(String html, String pageUrl) {
        Parser parser = Parser.htmlParser();
        return Jsoup.parse(html, pageUrl == null ? "" : pageUrl, parser);
    }
}

package org.triggerhappy.camel.articles;

import java.util.Optional;
import java.util.function.Supplier;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Finds a page's main article: by CSS selector when the trigger gives one, else with Readability (Mozilla's
 * algorithm, Readability4J) after known boilerplate is removed, then trimmed of what Readability keeps around
 * the body. Readability4J rather than boilerpipe (text blocks, no HTML, unmaintained, clearly lower scores on
 * the evaluation set) or crux (not served by Maven Central). Thread-safe, share one.
 */
public final class ArticleExtractor {

    /** Below this many characters a result is suspect and a second pass without the cleaning is tried. */
    static final int SHORT_TEXT = 500;

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
        Document page = prepare(html, pageUrl);
        String base = LazyImages.effectiveBase(page.body(), pageUrl);
        if (selector != null && !selector.isBlank()) {
            return SelectorPick.pick(page, selector).flatMap(p -> Fragment.of(p, base));
        }
        Boilerplate.strip(page.body());
        Supplier<Document> cleanPage = () -> {
            Document d = prepare(html, pageUrl);
            Boilerplate.strip(d.body());
            return d;
        };
        Optional<Article> cleaned = ReadabilityPass.run(page, cleanPage).flatMap(p -> Fragment.of(p, base));
        if (cleaned.isPresent() && cleaned.get().textLength() >= SHORT_TEXT) {
            return cleaned;
        }
        // the cleaning may have taken the article for boilerplate: Readability alone gets the last word
        Optional<Article> plain = ReadabilityPass.run(prepare(html, pageUrl), () -> prepare(html, pageUrl))
                .flatMap(p -> Fragment.of(p, base));
        return plain.isPresent() && plain.get().textLength() > cleaned.map(Article::textLength).orElse(0)
                ? plain : cleaned;
    }

    /** The parsed page within its budget, lazy images real; links stay as written until the article is picked. */
    private static Document prepare(String html, String pageUrl) {
        Document doc = Jsoup.parse(html, pageUrl == null ? "" : pageUrl, PageBudget.parser());
        doc.outputSettings().prettyPrint(false);
        PageBudget.trim(doc);
        LazyImages.revealImages(doc.body(), LazyImages.effectiveBase(doc.body(), pageUrl));
        return doc;
    }
}

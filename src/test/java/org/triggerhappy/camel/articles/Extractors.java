package org.triggerhappy.camel.articles;

import java.util.function.Function;
import net.dankito.readability4j.Readability4J;
import org.jsoup.Jsoup;
import org.triggerhappy.camel.articles.ExtractionSet.Page;

/** The extractors the evaluation compares, each as page to plain text ("" when it found nothing). */
public final class Extractors {

    private Extractors() {
    }

    /** Ours, with default settings. */
    public static Function<Page, String> ours() {
        ArticleExtractor extractor = new ArticleExtractor();
        return page -> extractor.extract(page.html(), page.url(), null)
                .map(a -> Jsoup.parseBodyFragment(a.html()).text())
                .orElse("");
    }

    /** Readability4J 1.0.8 as its README shows it, text taken the same way as ours. */
    public static Function<Page, String> readability4j() {
        return page -> {
            var content = new Readability4J(page.url(), page.html()).parse().getArticleContent();
            return content == null ? "" : content.text();
        };
    }
}

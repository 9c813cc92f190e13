package org.triggerhappy.camel.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.triggerhappy.camel.articles.ExtractionScores;
import org.triggerhappy.camel.articles.ExtractionSet;
import org.triggerhappy.camel.articles.ExtractionSet.Page;
import org.triggerhappy.camel.articles.Extractors;

/**
 * Article-extraction quality on the evaluation set (src/test/resources/extraction): word 4-gram precision,
 * recall and F1 against the hand-made article bodies, for our extractor and for plain Readability4J.
 * Run by {@code bench/run extraction}; offline, no network.
 */
public final class ExtractionBench {

    private ExtractionBench() {
    }

    public static void main(String[] args) {
        List<Page> pages = ExtractionSet.pages();
        Map<String, Function<Page, String>> extractors = new LinkedHashMap<>();
        extractors.put("ours (ArticleExtractor)", Extractors.ours());
        extractors.put("Readability4J 1.0.8 as-is", Extractors.readability4j());
        System.out.printf(Locale.ROOT, "Article extraction, %d pages (scrapinghub article-extraction-benchmark)%n",
                pages.size());
        System.out.printf(Locale.ROOT, "%-28s %9s %9s %9s %9s%n", "extractor", "precision", "recall", "F1",
                "ms/page");
        for (Map.Entry<String, Function<Page, String>> e : extractors.entrySet()) {
            long start = System.nanoTime();
            ExtractionScores s = ExtractionSet.score(pages, e.getValue());
            double ms = (System.nanoTime() - start) / 1e6 / pages.size();
            System.out.printf(Locale.ROOT, "%-28s %9.3f %9.3f %9.3f %9.1f%n", e.getKey(), s.precision(),
                    s.recall(), s.f1(), ms);
        }
        System.out.printf(Locale.ROOT, "target: F1 >= 0.95 for ours (ms/page includes gunzip and, for the first"
                + " row, JIT warm-up)%n");
    }
}

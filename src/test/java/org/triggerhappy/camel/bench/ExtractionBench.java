package org.triggerhappy.camel.bench;

import java.util.ArrayList;
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
 * The {@code extraction} scenario of {@code bench/run}; also runs alone. Offline: no network at all.
 */
public final class ExtractionBench {

    private static final int WARM_UP_PAGES = 60;

    private ExtractionBench() {
    }

    /** One extractor's figures on the set. */
    record Figures(String name, ExtractionScores scores, double msPerPage) {
    }

    public static void main(String[] args) {
        List<Figures> all = measure();
        System.out.printf(Locale.ROOT, "article extraction: %d pages of scrapinghub/article-extraction-benchmark,"
                + " word 4-gram scores%n", all.get(0).scores().pages());
        System.out.printf(Locale.ROOT, "%-28s %9s %9s %9s %9s%n", "extractor", "precision", "recall", "F1",
                "ms/page");
        for (Figures f : all) {
            System.out.printf(Locale.ROOT, "%-28s %9.3f %9.3f %9.3f %9.1f%n", f.name(), f.scores().precision(),
                    f.scores().recall(), f.scores().f1(), f.msPerPage());
        }
        System.out.println("target: F1 >= 0.95 for ours (ms/page includes gunzip and scoring)");
    }

    /** Ours first, then Readability4J as-is. */
    static List<Figures> measure() {
        List<Page> pages = ExtractionSet.pages();
        Map<String, Function<Page, String>> extractors = new LinkedHashMap<>();
        extractors.put("ours (ArticleExtractor)", Extractors.ours());
        extractors.put("Readability4J 1.0.8 as-is", Extractors.readability4j());
        // both warmed up alike, so that ms/page compares them and not the JIT
        extractors.values().forEach(e -> ExtractionSet.score(pages.subList(0, WARM_UP_PAGES), e));
        List<Figures> all = new ArrayList<>();
        for (Map.Entry<String, Function<Page, String>> e : extractors.entrySet()) {
            long start = System.nanoTime();
            ExtractionScores s = ExtractionSet.score(pages, e.getValue());
            all.add(new Figures(e.getKey(), s, (System.nanoTime() - start) / 1e6 / pages.size()));
        }
        return all;
    }
}

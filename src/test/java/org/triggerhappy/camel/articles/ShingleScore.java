package org.triggerhappy.camel.articles;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Word 4-gram ("shingle") matching of an extracted text against the true article body, as the
 * scrapinghub article-extraction-benchmark's evaluate.py does: tokens are runs of Unicode word characters
 * (Python's {@code \w+}), shingles are counted as a multiset, and a page's true/false positives and false
 * negatives are normalised so that long articles weigh no more than short ones.
 */
public record ShingleScore(double tp, double fp, double fn) {

    private static final int N = 4;
    private static final Pattern TOKEN = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);

    public static ShingleScore of(String truth, String predicted) {
        Map<List<String>, Integer> expected = shingles(truth);
        Map<List<String>, Integer> actual = shingles(predicted);
        Set<List<String>> keys = new HashSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        double tp = 0;
        double fp = 0;
        double fn = 0;
        for (List<String> key : keys) {
            int t = expected.getOrDefault(key, 0);
            int p = actual.getOrDefault(key, 0);
            tp += Math.min(t, p);
            fp += Math.max(0, p - t);
            fn += Math.max(0, t - p);
        }
        double sum = tp + fp + fn;
        return sum > 0 ? new ShingleScore(tp / sum, fp / sum, fn / sum) : new ShingleScore(0, 0, 0);
    }

    /** Precision of this page; 1 when nothing was expected and nothing found. */
    public double precision() {
        if (fp == 0 && fn == 0) {
            return 1;
        }
        return tp + fp == 0 ? 0 : tp / (tp + fp);
    }

    public double recall() {
        if (fp == 0 && fn == 0) {
            return 1;
        }
        return tp + fn == 0 ? 0 : tp / (tp + fn);
    }

    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text == null ? "" : text);
        while (m.find()) {
            tokens.add(m.group());
        }
        return tokens;
    }

    private static Map<List<String>, Integer> shingles(String text) {
        List<String> tokens = tokens(text);
        Map<List<String>, Integer> counts = new HashMap<>();
        // like evaluate.py: a text shorter than N words is one short shingle, an empty text none
        for (int i = 0; i < Math.max(1, tokens.size() - N + 1); i++) {
            List<String> shingle = List.copyOf(tokens.subList(i, Math.min(tokens.size(), i + N)));
            if (!shingle.isEmpty()) {
                counts.merge(shingle, 1, Integer::sum);
            }
        }
        return counts;
    }
}

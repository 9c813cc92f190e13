package org.triggerhappy.camel.articles;

import java.util.List;

/**
 * A set's figures the way the benchmark averages them: precision is the mean over pages where something was
 * predicted or expected (tp + fp > 0), recall the mean over pages where tp + fn > 0, and F1 the harmonic mean of
 * those two means (not the mean of per-page F1s).
 */
public record ExtractionScores(double precision, double recall, double f1, int pages) {

    public static ExtractionScores of(List<ShingleScore> scores) {
        double precision = scores.stream().filter(s -> s.tp() + s.fp() > 0)
                .mapToDouble(ShingleScore::precision).average().orElse(0);
        double recall = scores.stream().filter(s -> s.tp() + s.fn() > 0)
                .mapToDouble(ShingleScore::recall).average().orElse(0);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ExtractionScores(precision, recall, f1, scores.size());
    }
}

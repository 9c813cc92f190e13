package org.triggerhappy.camel.articles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShingleScoreTest {

    @Test
    void identical_texts_score_one_and_punctuation_or_spacing_do_not_matter() {
        ShingleScore s = ShingleScore.of("The quick brown fox jumps over the dog.", "the quick, brown fox\n jumps over the dog");
        assertThat(s.precision()).isLessThan(1.0); // tokens are case-sensitive, as in evaluate.py
        ShingleScore same = ShingleScore.of("The quick brown fox jumps.", "The  quick\nbrown, fox jumps!");
        assertThat(same.precision()).isEqualTo(1.0);
        assertThat(same.recall()).isEqualTo(1.0);
    }

    @Test
    void extra_text_costs_precision_and_missing_text_costs_recall() {
        String truth = "one two three four five six seven eight";
        ShingleScore extra = ShingleScore.of(truth, truth + " nine ten eleven twelve");
        assertThat(extra.recall()).isEqualTo(1.0);
        assertThat(extra.precision()).isCloseTo(5.0 / 9.0, within(1e-9));
        ShingleScore missing = ShingleScore.of(truth, "one two three four five");
        assertThat(missing.precision()).isEqualTo(1.0);
        assertThat(missing.recall()).isCloseTo(2.0 / 5.0, within(1e-9));
        assertThat(ShingleScore.of(truth, "").recall()).isZero();
    }

    @Test
    void repeated_shingles_count_as_a_multiset() {
        String truth = "a b c d";
        ShingleScore twice = ShingleScore.of(truth, "a b c d a b c d");
        assertThat(twice.recall()).isEqualTo(1.0);
        assertThat(twice.precision()).isLessThan(0.5);
    }

    @Test
    void set_figures_average_precision_and_recall_per_page_then_take_their_harmonic_mean() {
        ExtractionScores s = ExtractionScores.of(List.of(
                ShingleScore.of("a b c d e", "a b c d e"), ShingleScore.of("a b c d e", "x y z w v")));
        assertThat(s.precision()).isCloseTo(0.5, within(1e-9));
        assertThat(s.recall()).isCloseTo(0.5, within(1e-9));
        assertThat(s.f1()).isCloseTo(0.5, within(1e-9));
    }

    /** The benchmark's README gives readability_js 0.6.0: F1 0.947, precision 0.914, recall 0.982. */
    @Test
    void reproduces_the_published_figures_of_the_benchmarks_stored_readability_js_output() {
        Map<String, String> output = ExtractionSet.storedOutput("readability_js-output.json.gz");
        ExtractionScores s = ExtractionSet.score(ExtractionSet.pages(), page -> output.get(page.id()));
        assertThat(s.pages()).isEqualTo(181);
        assertThat(s.f1()).isCloseTo(0.947, within(0.0015));
        assertThat(s.precision()).isCloseTo(0.914, within(0.0015));
        assertThat(s.recall()).isCloseTo(0.982, within(0.0015));
    }
}

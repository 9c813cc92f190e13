package org.triggerhappy.camel.articles;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The quality target on the evaluation set (src/test/resources/extraction, see its PROVENANCE.md):
 * word 4-gram F1 of our extractor, with default settings, against the hand-made article bodies.
 */
class ExtractionQualityTest {

    @Test
    void our_f1_on_the_evaluation_set_is_at_least_095() {
        ExtractionScores ours = ExtractionSet.score(ExtractionSet.pages(), Extractors.ours());

        assertThat(ours.pages()).isEqualTo(181);
        assertThat(ours.f1()).as("F1 %s", ours).isGreaterThanOrEqualTo(0.95);
    }
}

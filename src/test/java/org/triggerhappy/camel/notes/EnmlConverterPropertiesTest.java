package org.triggerhappy.camel.notes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Property tests: a random soup of allowed and forbidden markup, attributes, entities and odd characters always
 * gives valid ENML. Each case comes from a fixed seed, reported on failure, so the run is repeatable.
 */
class EnmlConverterPropertiesTest {
    private static final long BASE_SEED = 0x7416_6E0DL;

    private final EnmlConverter converter = new EnmlConverter();
    private final EnmlValidator validator = EnmlValidator.shared();

    @Test
    void any_html_converts_to_valid_enml() {
        for (int i = 0; i < 400; i++) {
            long seed = BASE_SEED + i;
            RandomHtml gen = new RandomHtml(seed);
            String html = gen.html();
            String link = gen.link();
            String enml = converter.toEnml(html, link, "Trigger <&> \"label\"", link);
            assertThat(validator.problems(enml)).as("seed %d: %s", seed, html).isEmpty();
            assertThat(enml.length()).isLessThanOrEqualTo(EnmlValidator.CONTENT_LEN_MAX);
        }
    }

    @Test
    void the_plain_text_fallback_is_always_valid() {
        for (int i = 0; i < 200; i++) {
            long seed = BASE_SEED * 3 + i;
            RandomHtml gen = new RandomHtml(seed);
            String html = gen.html();
            String enml = converter.plainTextEnml(EnmlConverter.textOf(html), "label", gen.link());
            assertThat(validator.problems(enml)).as("seed %d: %s", seed, html).isEmpty();
        }
    }

    @Test
    void truncated_notes_stay_valid() {
        for (int i = 0; i < 200; i++) {
            long seed = BASE_SEED * 7 + i;
            String html = new RandomHtml(seed).html();
            String enml = new EnmlConverter(700).toEnml(html + html + html, "https://example.org/a/", null,
                    "https://example.org/a/");
            assertThat(validator.problems(enml)).as("seed %d: %s", seed, html).isEmpty();
        }
    }
}

package org.triggerhappy.camel.notes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

class NoteComposerTest {

    private static final Instant PUBLISHED = Instant.parse("2024-02-03T04:05:06Z");
    private final EnmlValidator validator = EnmlValidator.shared();

    @Test
    void composes_a_valid_note_from_raw_feed_and_django_th_values() {
        NoteSource src = new NoteSource("  Caf&eacute; <b>news</b> ", "https://example.org/posts/1",
                "<p class=\"x\">Hello <a href=\"/about\">about</a></p><script>x()</script>", PUBLISHED,
                " Reading ", "news, Java ,java,", "My trigger");

        NoteDraft d = new NoteComposer().compose(src);

        assertThat(d.title()).isEqualTo("Café news");
        assertThat(validator.problems(d.enml())).isEmpty();
        assertThat(d.enml()).contains("<p>Hello <a href=\"https://example.org/about\">about</a></p>")
                .contains("Provided by <em>My trigger</em>").doesNotContain("script");
        assertThat(d.sourceUrl()).isEqualTo("https://example.org/posts/1");
        assertThat(d.created()).isEqualTo(PUBLISHED);
        assertThat(d.notebook()).isEqualTo("Reading");
        assertThat(d.tags()).containsExactly("news", "Java");
    }

    @Test
    void default_notebook_no_tags_no_link() {
        NoteDraft d = new NoteComposer().compose(new NoteSource(null, null, null, null, "", null, null));

        assertThat(d.title()).isEqualTo("Untitled");
        assertThat(d.notebook()).isNull();
        assertThat(d.tags()).isEmpty();
        assertThat(d.sourceUrl()).isNull();
        assertThat(d.created()).isNull();
        assertThat(validator.problems(d.enml())).isEmpty();
    }

    @Test
    void falls_back_to_plain_text_when_the_converted_enml_is_invalid() {
        // Stands in for a converter bug or a stricter service: any markup beyond the plain-text shape is refused.
        Function<String, List<String>> strict = enml -> enml.contains("<b>")
                ? List.of("Element type \"b\" must be declared.") : validator.problems(enml);
        NoteComposer composer = new NoteComposer(new EnmlConverter(), strict);

        NoteDraft d = composer.compose(new NoteSource("T", "https://example.org/1", "<p>Some <b>bold</b> text</p>",
                PUBLISHED, null, null, null));

        assertThat(d.enml()).doesNotContain("<b>").contains("<p>Some bold text</p>");
        assertThat(validator.problems(d.enml())).isEmpty();
    }

    @Test
    void never_loses_an_entry_even_when_nothing_validates_but_an_empty_note() {
        Function<String, List<String>> paranoid = enml -> enml.contains("text")
                ? List.of("refused") : validator.problems(enml);
        NoteComposer composer = new NoteComposer(new EnmlConverter(), paranoid);

        NoteDraft d = composer.compose(new NoteSource("T", "https://example.org/1", "<p>text</p>", PUBLISHED, null, null, null));

        assertThat(d.enml()).endsWith("<en-note></en-note>");
        assertThat(d.title()).isEqualTo("T");
    }

    @Test
    void plain_text_fallback_keeps_everything_but_the_body() {
        NoteComposer composer = new NoteComposer();
        NoteSource src = new NoteSource("T", "https://example.org/1", "<h1>Head</h1><p>Para &amp; <i>more</i></p>",
                PUBLISHED, "nb", "t1", "label");
        NoteDraft original = composer.compose(src);

        NoteDraft plain = composer.plainTextFallback(original, src);

        assertThat(plain.enml()).isNotEqualTo(original.enml()).contains("<p>Head</p><p>Para &amp; more</p>");
        assertThat(validator.problems(plain.enml())).isEmpty();
        assertThat(plain).usingRecursiveComparison().ignoringFields("enml").isEqualTo(original);
        assertThat(plain.tags()).isEqualTo(List.of("t1"));
    }
}

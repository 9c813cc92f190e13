package org.triggerhappy.camel.notes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TitleTemplateTest {
    private static final Map<String, String> VALUES = Map.of("title", "AT&T <3 Camel", "feed", "Tech News",
            "author", "Ada", "date", "2026-12-04", "trigger", "My trigger");

    @Test
    void placeholders_are_replaced_and_the_title_survives_note_title_rules() {
        String raw = TitleTemplate.parse("[{{feed}}] {{ title }} — {{author}}, {{date}} ({{trigger}})").render(VALUES);
        assertThat(NoteTitles.of(raw, null)).isEqualTo("[Tech News] AT&T <3 Camel — Ada, 2026-12-04 (My trigger)");
    }

    @Test
    void missing_values_render_empty_and_an_empty_result_falls_back_like_an_untitled_entry() {
        TitleTemplate t = TitleTemplate.parse("{{author}}");
        assertThat(NoteTitles.of(t.render(Map.of()), "https://example.org/a")).isEqualTo("https://example.org/a");
        assertThat(NoteTitles.of(t.render(Map.of()), null)).isEqualTo(NoteTitles.UNTITLED);
    }

    @Test
    void a_long_result_is_cut_to_evernote_s_limit() {
        String raw = TitleTemplate.parse("{{title}} {{title}}").render(Map.of("title", "x".repeat(200)));
        assertThat(NoteTitles.of(raw, null).codePointCount(0, NoteTitles.of(raw, null).length()))
                .isLessThanOrEqualTo(NoteTitles.MAX_CODE_POINTS);
        assertThat(NoteTitles.EDAM_NOTE_TITLE_REGEX.matcher(NoteTitles.of(raw, null)).matches()).isTrue();
    }

    @Test
    void unknown_placeholders_and_stray_braces_are_refused() {
        assertThatThrownBy(() -> TitleTemplate.parse("{{titel}} x"))
                .hasMessageContaining("unknown placeholder {{titel}}").hasMessageContaining("{{title}}");
        assertThatThrownBy(() -> TitleTemplate.parse("{{title} x")).hasMessageContaining("unmatched");
        assertThatThrownBy(() -> TitleTemplate.parse("{{#title}}x{{/title}}"))
                .hasMessageContaining("unknown placeholder {{#title}}");
    }
}

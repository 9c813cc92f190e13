package org.triggerhappy.camel.notes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NoteTitlesTest {

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
        Plain title                                | Plain title
        '  padded   and   spaced  '                | padded and spaced
        Caf&eacute; &amp; cr&egrave;me &hellip;     | Café & crème …
        <b>Bold</b> <a href="/x">link</a> title     | Bold link title
        Fish &amp;amp; chips                       | Fish &amp; chips
        a < b and c > d                            | a < b and c > d
        <script>alert(1)</script>Safe               | Safe
        """)
    void decodes_entities_strips_tags_and_collapses_whitespace(String raw, String expected) {
        assertThat(NoteTitles.of(raw, "https://example.org/x")).isEqualTo(expected);
    }

    @Test
    void removes_control_characters_and_line_separators() {
        String title = NoteTitles.of("\u0000Line\u0007one\nline\u2028two\u2029three\u0085\t\u00a0end\u3000", null);

        assertThat(title).isEqualTo("Lineone line two three end");
        assertThat(title).matches(NoteTitles.EDAM_NOTE_TITLE_REGEX);
    }

    @Test
    void cuts_at_255_code_points_without_splitting_surrogate_pairs() {
        String emoji = "\uD83D\uDE00"; // one code point, two chars
        String title = NoteTitles.of(emoji.repeat(300), null);

        assertThat(title.codePointCount(0, title.length())).isEqualTo(255);
        assertThat(title).isEqualTo(emoji.repeat(255));
        assertThat(title).matches(NoteTitles.EDAM_NOTE_TITLE_REGEX);
    }

    @Test
    void a_cut_never_leaves_a_trailing_space() {
        String title = NoteTitles.of("x".repeat(254) + " y and more", null);

        assertThat(title).isEqualTo("x".repeat(254));
        assertThat(title).matches(NoteTitles.EDAM_NOTE_TITLE_REGEX);
    }

    @Test
    void empty_titles_fall_back_to_the_link_then_to_untitled() {
        assertThat(NoteTitles.of(null, "https://example.org/p/1")).isEqualTo("https://example.org/p/1");
        assertThat(NoteTitles.of("  <br/> &nbsp; \u0001 ", "https://example.org/p/1")).isEqualTo("https://example.org/p/1");
        assertThat(NoteTitles.of("", "https://example.org/" + "a".repeat(400))).hasSize(255);
        assertThat(NoteTitles.of(null, null)).isEqualTo("Untitled");
        assertThat(NoteTitles.of(" ", " \t ")).isEqualTo("Untitled");
    }

    @Test
    void always_matches_the_edam_regex() {
        String[] samples = {"\uD800lone surrogate", "tab\tin", "\u200b", "x", "\uFEFFbom", "  \u2003 em space "};
        for (String raw : samples) {
            assertThat(NoteTitles.of(raw, null)).matches(NoteTitles.EDAM_NOTE_TITLE_REGEX);
        }
    }
}

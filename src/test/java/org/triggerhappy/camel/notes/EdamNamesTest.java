package org.triggerhappy.camel.notes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class EdamNamesTest {

    @Test
    void tags_are_split_trimmed_collapsed_and_empty_ones_dropped() {
        assertThat(EdamNames.tags(" news ,  tech   talk,,\t, java\n")).containsExactly("news", "tech talk", "java");
        assertThat(EdamNames.tags(null)).isEmpty();
        assertThat(EdamNames.tags("")).isEmpty();
        assertThat(EdamNames.tags(" , ,")).isEmpty();
    }

    @Test
    void tags_are_distinct_case_insensitively_keeping_the_first_spelling() {
        assertThat(EdamNames.tags("Java,java,JAVA, Camel ,camel")).containsExactly("Java", "Camel");
    }

    @Test
    void tags_lose_control_characters_and_are_cut_to_100_code_points() {
        List<String> tags = EdamNames.tags("a\u0000b\u0007c," + "t".repeat(150) + ",\uD83D\uDE00".repeat(1) + "z".repeat(120));

        assertThat(tags.get(0)).isEqualTo("abc");
        assertThat(tags.get(1)).isEqualTo("t".repeat(100));
        assertThat(tags.get(2).codePointCount(0, tags.get(2).length())).isEqualTo(100);
        assertThat(tags).allMatch(t -> EdamNames.EDAM_TAG_NAME_REGEX.matcher(t).matches());
    }

    @Test
    void at_most_100_tags() {
        String many = IntStream.range(0, 150).mapToObj(i -> "tag" + i).collect(Collectors.joining(","));

        List<String> tags = EdamNames.tags(many);

        assertThat(tags).hasSize(100).startsWith("tag0", "tag1").endsWith("tag99");
    }

    @Test
    void notebook_blank_means_default_notebook() {
        assertThat(EdamNames.notebook(null)).isEmpty();
        assertThat(EdamNames.notebook("")).isEmpty();
        assertThat(EdamNames.notebook("  \t ")).isEmpty();
        assertThat(EdamNames.notebook("\u0001")).isEmpty();
    }

    @Test
    void notebook_is_cleaned_and_cut_to_100_code_points() {
        assertThat(EdamNames.notebook("  My   Reading\nList ")).contains("My Reading List");
        assertThat(EdamNames.notebook("n".repeat(99) + " tail")).contains("n".repeat(99));
        assertThat(EdamNames.notebook("Comma, allowed")).contains("Comma, allowed");
        assertThat(EdamNames.notebook("x".repeat(300)).orElseThrow())
                .hasSize(100).matches(EdamNames.EDAM_NOTEBOOK_NAME_REGEX);
    }

    @Test
    void source_url_is_the_trimmed_link_or_null() {
        assertThat(EdamNames.sourceUrl(" https://example.org/a?b=c ")).isEqualTo("https://example.org/a?b=c");
        assertThat(EdamNames.sourceUrl(null)).isNull();
        assertThat(EdamNames.sourceUrl("   ")).isNull();
        assertThat(EdamNames.sourceUrl("https://example.org/" + "a".repeat(4096))).isNull();
        assertThat(EdamNames.sourceUrl("https://example.org/" + "a".repeat(4096 - 20))).hasSize(4096);
        assertThat(EdamNames.sourceUrl("https://example.org/\u0000x")).isNull();
        assertThat(EdamNames.sourceUrl("https://example.org/\u2028x")).isNull();
        assertThat(EdamNames.sourceUrl("https://example.org/\uD800")).isNull();
    }
}

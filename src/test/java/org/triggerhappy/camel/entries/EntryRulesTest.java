package org.triggerhappy.camel.entries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntryRulesTest {
    private static final FeedEntry CAMEL = new FeedEntry("g1", "https://example.org/camel?utm_source=x",
            "Camel 4.18 released", "<p>Routes and <b>beans</b></p>", null, "Ada", List.of("Java", "Integration"));
    private static final FeedEntry AD = new FeedEntry("g2", "https://ads.example.org/1", "Sponsored: buy now",
            "<p>Deal</p>", null, null, List.of("Promo"));

    @Test
    void block_rules_win_over_keep_rules_and_name_the_rule() {
        EntryRules rules = EntryRules.parse(List.of("any=Camel", "title=Sponsored"), List.of("category=^Promo$"));
        assertThat(rules.judge(CAMEL).kept()).isTrue();
        EntryRules.Verdict ad = rules.judge(AD);
        assertThat(ad.kept()).isFalse();
        assertThat(ad.reason()).isEqualTo("category=^Promo$");
    }

    @Test
    void keep_rules_keep_only_what_matches_one_of_them() {
        EntryRules rules = EntryRules.parse(List.of("author=^Ada$"), List.of());
        assertThat(rules.judge(CAMEL).kept()).isTrue();
        assertThat(rules.judge(AD).kept()).isFalse();
        assertThat(rules.judge(AD).reason()).isEqualTo("no keep rule matched");
    }

    @Test
    void each_field_is_read_and_matching_is_case_sensitive_unless_asked() {
        assertThat(keeps("title=camel", CAMEL)).isFalse();
        assertThat(keeps("title=(?i)camel", CAMEL)).isTrue();
        assertThat(keeps("content=<b>beans", CAMEL)).isTrue();
        assertThat(keeps("link=utm_source", CAMEL)).isTrue();
        assertThat(keeps("category=Integration", CAMEL)).isTrue();
        assertThat(keeps("category=Promo", CAMEL)).isFalse();
        assertThat(keeps("author=.", AD)).as("no author: nothing to match").isFalse();
        assertThat(keeps("any=Deal", AD)).isTrue();
        assertThat(keeps("TITLE=Camel", CAMEL)).as("field names ignore case").isTrue();
    }

    private static boolean keeps(String rule, FeedEntry e) {
        return EntryRules.parse(List.of(rule), List.of()).judge(e).kept();
    }

    @Test
    void no_rules_keep_everything() {
        assertThat(EntryRules.parse(List.of(), List.of()).isEmpty()).isTrue();
        assertThat(EntryRules.parse(null, null).judge(AD).kept()).isTrue();
    }

    @Test
    void an_invalid_rule_is_refused_with_a_message_naming_it() {
        assertThatThrownBy(() -> EntryRule.parse("title=(unclosed"))
                .hasMessageContaining("rule 'title=(unclosed'").hasMessageContaining("invalid regex");
        assertThatThrownBy(() -> EntryRule.parse("summary=x"))
                .hasMessageContaining("unknown field 'summary'").hasMessageContaining("title, content");
        assertThatThrownBy(() -> EntryRule.parse("Camel")).hasMessageContaining("rule 'Camel' has no '='");
        assertThatThrownBy(() -> EntryRule.parse("title=")).hasMessageContaining("no regex");
        assertThatThrownBy(() -> EntryRule.parse("title=" + "x".repeat(EntryRule.MAX_LENGTH)))
                .hasMessageContaining("at most " + EntryRule.MAX_LENGTH);
    }

    @Test
    void a_catastrophic_regex_on_a_5_mb_entry_gives_up_within_its_budget_and_keeps_the_entry() {
        // Runs of letters each followed by "!": (.*a){12} tries every split of each run before failing on "x".
        String huge = ("a".repeat(60) + "!").repeat(5 * 1024 * 1024 / 61);
        FeedEntry big = new FeedEntry("g", "https://example.org/big", "Big", huge, null, null, List.of());
        EntryRules rules = EntryRules.parse(List.of(), List.of("content=(.*a){12}!x"), Duration.ofMillis(200));

        long t0 = System.nanoTime();
        EntryRules.Verdict v = rules.judge(big);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        assertThat(took).isLessThan(Duration.ofSeconds(2));
        assertThat(v.kept()).isTrue();
        assertThat(v.timedOut()).isTrue();
        assertThat(v.reason()).isEqualTo("timed out: content=(.*a){12}!x");
    }

    @Test
    void a_plain_rule_on_a_5_mb_entry_still_matches_within_the_input_bound() {
        String huge = "x".repeat(EntryRules.INPUT_MAX - 10) + "NEEDLE" + "y".repeat(4 * 1024 * 1024);
        FeedEntry big = new FeedEntry("g", null, "Big", huge, null, null, List.of());
        EntryRules.Verdict v = EntryRules.parse(List.of(), List.of("content=NEEDLE")).judge(big);
        assertThat(v.kept()).as(v.toString()).isFalse();
        // Past the bound the text is not read: a block word there does not remove the entry.
        FeedEntry late = new FeedEntry("g", null, "Big", "x".repeat(EntryRules.INPUT_MAX) + "NEEDLE", null, null,
                List.of());
        assertThat(EntryRules.parse(List.of(), List.of("content=NEEDLE")).judge(late).kept()).isTrue();
    }
}

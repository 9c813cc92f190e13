package org.triggerhappy.camel.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentlyResolvedTest {

    @Test
    void ip_literals_answer_at_once_and_names_only_after_a_recent_lookup() {
        RecentlyResolved r = new RecentlyResolved();
        assertThat(r.answersAtOnce("127.0.0.1")).isTrue();
        assertThat(r.answersAtOnce("[::1]")).isTrue();
        assertThat(r.answersAtOnce("999.1.1.1")).isFalse();
        assertThat(r.answersAtOnce("1.2.3")).isFalse();
        assertThat(r.answersAtOnce("feeds.example.org")).isFalse();
        r.resolved("feeds.example.org");
        assertThat(r.answersAtOnce("feeds.example.org")).isTrue();
        assertThat(r.answersAtOnce("other.example.org")).isFalse();
        assertThat(r.answersAtOnce(null)).isFalse();
    }
}

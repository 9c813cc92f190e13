package org.triggerhappy.camel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PollScheduleTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private final PollSchedule s = new PollSchedule(Duration.ofMinutes(15));

    private static Duration after(Instant t) {
        return Duration.between(NOW, t);
    }

    @Test
    void success_uses_the_interval_plus_at_most_ten_percent_jitter() {
        Duration d = after(s.afterSuccess(NOW, null, null));
        assertThat(d).isBetween(Duration.ofMinutes(15), Duration.ofMinutes(15).plusSeconds(90));
    }

    @Test
    void feed_ttl_and_max_age_raise_the_interval_up_to_a_day() {
        assertThat(after(s.afterSuccess(NOW, Duration.ofHours(2), null))).isGreaterThanOrEqualTo(Duration.ofHours(2));
        assertThat(after(s.afterSuccess(NOW, null, Duration.ofHours(3)))).isGreaterThanOrEqualTo(Duration.ofHours(3));
        assertThat(after(s.afterSuccess(NOW, Duration.ofDays(30), null))).isLessThanOrEqualTo(Duration.ofHours(27));
    }

    @Test
    void failures_back_off_exponentially_and_are_capped_but_never_stop() {
        assertThat(after(s.afterFailure(NOW, 1, null))).isLessThan(Duration.ofMinutes(17));
        assertThat(after(s.afterFailure(NOW, 3, null))).isGreaterThanOrEqualTo(Duration.ofMinutes(60));
        Duration capped = after(s.afterFailure(NOW, 500, null));
        assertThat(capped).isBetween(Duration.ofHours(24), Duration.ofHours(27));
        assertThat(after(s.afterFailure(NOW, 1, Duration.ofHours(5)))).isGreaterThanOrEqualTo(Duration.ofHours(5));
    }
}

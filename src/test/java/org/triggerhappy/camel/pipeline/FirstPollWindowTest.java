package org.triggerhappy.camel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class FirstPollWindowTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void never_run_trigger_starts_at_midnight_of_its_creation_day_in_the_configured_zone() {
        FirstPollWindow utc = FirstPollWindow.of(null, LocalDate.parse("2026-11-20"), ZoneId.of("UTC"), NOW);
        assertThat(utc.from()).isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
        FirstPollWindow paris = FirstPollWindow.of(null, LocalDate.parse("2026-11-20"), ZoneId.of("Europe/Paris"), NOW);
        assertThat(paris.from()).isEqualTo(Instant.parse("2026-11-19T23:00:00Z"));
    }

    @Test
    void bounds_are_inclusive_and_the_future_and_undated_are_excluded() {
        Instant triggered = Instant.parse("2026-11-24T08:00:00Z");
        FirstPollWindow w = FirstPollWindow.of(triggered, LocalDate.parse("2026-01-01"), ZoneId.of("UTC"), NOW);
        assertThat(w.contains(triggered)).isTrue();
        assertThat(w.contains(NOW)).isTrue();
        assertThat(w.contains(triggered.minusSeconds(1))).isFalse();
        assertThat(w.contains(NOW.plusSeconds(1))).isFalse();
        assertThat(w.contains(null)).isFalse();
    }
}

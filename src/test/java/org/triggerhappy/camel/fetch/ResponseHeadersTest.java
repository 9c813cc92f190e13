package org.triggerhappy.camel.fetch;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseHeadersTest {

    private static final Instant NOW = Instant.parse("2015-10-21T07:00:00Z");

    @Test
    void retry_after_accepts_seconds_and_http_dates() {
        assertThat(ResponseHeaders.retryAfter("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(ResponseHeaders.retryAfter(" 0 ", NOW)).contains(Duration.ZERO);
        assertThat(ResponseHeaders.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT", NOW)).contains(Duration.ofMinutes(28));
        assertThat(ResponseHeaders.retryAfter("Wed, 21 Oct 2015 06:00:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void retry_after_ignores_garbage() {
        assertThat(ResponseHeaders.retryAfter(null, NOW)).isEmpty();
        assertThat(ResponseHeaders.retryAfter("", NOW)).isEmpty();
        assertThat(ResponseHeaders.retryAfter("-5", NOW)).isEmpty();
        assertThat(ResponseHeaders.retryAfter("soon", NOW)).isEmpty();
        assertThat(ResponseHeaders.retryAfter("99999999999999999999999", NOW)).isEmpty();
    }

    @Test
    void max_age_is_read_from_cache_control() {
        assertThat(ResponseHeaders.maxAge("public, max-age=3600")).isEqualTo(Duration.ofHours(1));
        assertThat(ResponseHeaders.maxAge("MAX-AGE=\"60\", must-revalidate")).isEqualTo(Duration.ofMinutes(1));
        assertThat(ResponseHeaders.maxAge("no-cache")).isNull();
        assertThat(ResponseHeaders.maxAge("max-age=abc")).isNull();
        assertThat(ResponseHeaders.maxAge(null)).isNull();
    }

    @Test
    void status_line_names_the_reason() {
        assertThat(ResponseHeaders.statusLine(404)).isEqualTo("HTTP 404 Not Found");
        assertThat(ResponseHeaders.statusLine(599)).isEqualTo("HTTP 599");
    }
}

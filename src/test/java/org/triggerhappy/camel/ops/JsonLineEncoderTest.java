package org.triggerhappy.camel.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonLineEncoderTest {
    private final LoggerContext context = new LoggerContext();

    private JsonNode encode(String message, Throwable t, Object... args) throws Exception {
        LoggingEvent e = new LoggingEvent("x", context.getLogger("org.triggerhappy.camel.pipeline.FeedRefresher"),
                Level.WARN, message, t, args);
        e.setThreadName("th-fetch-1");
        String line = new String(new JsonLineEncoder().encode(e), StandardCharsets.UTF_8);
        assertThat(line).endsWith("\n").doesNotContain("\n\n");
        assertThat(line.strip()).doesNotContain("\n");
        return new ObjectMapper().readTree(line);
    }

    @Test
    void key_value_fields_become_json_fields() throws Exception {
        JsonNode j = encode("feed failed trigger_id={} feed_url={} consecutive_failures={} error=\"{}\"", null,
                12, "https://example.org/f?k=…", 3, "HTTP 404 \"Not Found\"\n<b>");
        assertThat(j.get("level").asText()).isEqualTo("WARN");
        assertThat(j.get("logger").asText()).isEqualTo("org.triggerhappy.camel.pipeline.FeedRefresher");
        assertThat(j.get("thread").asText()).isEqualTo("th-fetch-1");
        assertThat(j.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(j.get("message").asText()).startsWith("feed failed trigger_id=12 ");
        assertThat(j.get("trigger_id").isNumber()).isTrue();
        assertThat(j.get("trigger_id").asLong()).isEqualTo(12);
        assertThat(j.get("consecutive_failures").asLong()).isEqualTo(3);
        assertThat(j.get("feed_url").asText()).isEqualTo("https://example.org/f?k=…");
        assertThat(j.get("error").asText()).startsWith("HTTP 404");
        assertThat(j.has("exception")).isFalse();
    }

    @Test
    void an_exception_is_one_field_and_reserved_names_stay_the_events() throws Exception {
        JsonNode j = encode("level=fake message=fake cycle=3", new IllegalStateException("boom"));
        assertThat(j.get("level").asText()).isEqualTo("WARN");
        assertThat(j.get("message").asText()).isEqualTo("level=fake message=fake cycle=3");
        assertThat(j.get("cycle").asLong()).isEqualTo(3);
        assertThat(j.get("exception").asText()).contains("java.lang.IllegalStateException: boom")
                .contains("JsonLineEncoderTest");
    }
}

package org.triggerhappy.camel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional configuration file: read like application.properties, below the environment and -D properties. */
class ConfigFileTest {
    @TempDir
    Path dir;

    @Test
    void the_file_beats_the_defaults_and_the_environment_and_system_properties_beat_the_file() throws Exception {
        Path f = Files.writeString(dir.resolve("th.properties"), """
                # a comment
                th.poll.interval = 5m
                th.fetch.concurrency = 3
                th.http.host = 0.0.0.0
                th.time.zone = Europe/Paris
                th.flow.webhook.url = http://127.0.0.1:9/from-file
                camel.main.shutdown-timeout = 5
                """);
        Properties system = new Properties();
        system.setProperty("th.time.zone", "Asia/Tokyo");
        ConfigSource c = new ConfigSource(Map.of(), Map.of("TH_FETCH_CONCURRENCY", "7"), system,
                ConfigSource.readFile(f), ConfigSource.classpathDefaults());
        Settings s = Settings.load(c);

        assertThat(s.pollInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.fetchConcurrency()).isEqualTo(7);
        assertThat(s.httpAccess().host()).isEqualTo("0.0.0.0");
        assertThat(s.timeZone().getId()).isEqualTo("Asia/Tokyo");
        assertThat(s.fetchPerHost()).isEqualTo(4); // Setting's default
        assertThat(s.flowOverrides()).containsEntry("th.flow.webhook.url", "http://127.0.0.1:9/from-file")
                .containsEntry("camel.main.shutdown-timeout", "5");
    }

    @Test
    void a_missing_file_is_a_clear_error() {
        assertThatThrownBy(() -> ConfigSource.readFile(dir.resolve("nope.properties")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("nope.properties").hasMessageContaining("does not exist");
    }
}

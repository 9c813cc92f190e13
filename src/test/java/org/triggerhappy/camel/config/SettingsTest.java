package org.triggerhappy.camel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @ParameterizedTest
    @CsvSource({"90s,PT1M30S", "15m,PT15M", "1h,PT1H", "2d,PT48H", "PT15M,PT15M", "pt5m,PT5M", "500ms,PT0.5S"})
    void durations_in_the_forms_users_write(String text, String iso) {
        assertThat(DurationParser.parse("TH_POLL_INTERVAL", text)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @CsvSource({"ten minutes", "0s", "-5m", "15x"})
    void bad_durations_name_the_key(String text) {
        assertThatThrownBy(() -> DurationParser.parse("TH_POLL_INTERVAL", text))
                .isInstanceOf(ConfigException.class).hasMessageContaining("TH_POLL_INTERVAL");
    }

    @Test
    void defaults_are_working_values() {
        Settings s = Settings.load(ConfigSource.of(Map.of()));
        assertThat(s.pollInterval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(s.sink()).isEqualTo(Settings.Sink.EVERNOTE);
        assertThat(s.embeddedDatabase()).isTrue();
        assertThat(s.evernoteUrl()).isEqualTo("https://www.evernote.com");
        assertThat(s.fetchMaxBytes()).isEqualTo(15L * 1024 * 1024);
    }

    @Test
    void environment_overrides_application_properties_and_system_properties_override_both() {
        Properties system = new Properties();
        system.setProperty("th.sink", "enex");
        ConfigSource c = new ConfigSource(Map.of(), Map.of("TH_POLL_INTERVAL", "90s", "TH_SINK", "evernote"), system,
                ConfigSource.classpathDefaults());
        Settings s = Settings.load(c);
        assertThat(s.pollInterval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.sink()).isEqualTo(Settings.Sink.ENEX);
    }

    @Test
    void bad_values_get_one_clear_message() {
        assertThatThrownBy(() -> Settings.load(ConfigSource.of(Map.of("th.sink", "dropbox"))))
                .hasMessageContaining("TH_SINK=dropbox").hasMessageContaining("evernote, enex");
        assertThatThrownBy(() -> Settings.load(ConfigSource.of(Map.of("th.db.url", "mysql://x"))))
                .hasMessageContaining("TH_DB_URL");
        assertThatThrownBy(() -> Settings.load(ConfigSource.of(Map.of("th.time.zone", "Mars/Olympus"))))
                .hasMessageContaining("TH_TIME_ZONE");
        assertThatThrownBy(() -> Settings.load(ConfigSource.of(Map.of("th.fetch.concurrency", "lots"))))
                .hasMessageContaining("TH_FETCH_CONCURRENCY");
        assertThatThrownBy(() -> Settings.load(ConfigSource.of(Map.of("th.db.pool.size", "0"))))
                .hasMessageContaining("TH_DB_POOL_SIZE=0");
    }

    @Test
    void ledger_settings_default_and_refuse_bad_values() {
        LedgerSettings d = Settings.load(ConfigSource.of(Map.of())).ledger();
        assertThat(d).isEqualTo(new LedgerSettings(true, 500, Duration.ofDays(180)));
        LedgerSettings set = Settings.load(ConfigSource.of(Map.of("th.flood.guard", "FALSE",
                "th.max.new.per.poll", "20", "th.ledger.retention", "30d"))).ledger();
        assertThat(set).isEqualTo(new LedgerSettings(false, 20, Duration.ofDays(30)));
        assertThatThrownBy(() -> Settings.load(ConfigSource.of(Map.of("th.flood.guard", "maybe"))))
                .hasMessageContaining("TH_FLOOD_GUARD=maybe").hasMessageContaining("true or false");
        assertThatThrownBy(() -> Settings.load(ConfigSource.of(Map.of("th.max.new.per.poll", "0"))))
                .hasMessageContaining("TH_MAX_NEW_PER_POLL");
        assertThatThrownBy(() -> Settings.load(ConfigSource.of(Map.of("th.ledger.retention", "forever"))))
                .hasMessageContaining("TH_LEDGER_RETENTION");
    }

    @Test
    void the_password_never_appears_in_the_described_configuration() {
        Settings s = Settings.load(ConfigSource.of(Map.of("th.db.password", "s3cret-pass",
                "th.db.url", "jdbc:postgresql://127.0.0.1:5432/x")));
        assertThat(s.describe().toString()).doesNotContain("s3cret-pass").contains("TH_DB_PASSWORD=****");
    }

    @Test
    void every_setting_is_described_and_every_secret_is_masked() {
        Settings s = Settings.load(ConfigSource.of(Map.of("th.db.password", "db-s3cret",
                "th.evernote.consumer.key", "th-camel", "th.evernote.consumer.secret", "consumer-s3cret",
                "th.http.user", "admin", "th.http.password", "http-s3cret")));
        assertThat(s.describe().keySet())
                .containsExactlyElementsOf(Arrays.stream(Setting.values()).map(Setting::envName).toList());
        for (Setting secret : Setting.values()) {
            if (secret.secret()) {
                assertThat(s.describe()).containsEntry(secret.envName(), "****");
            }
        }
        assertThat(s.toString()).doesNotContain("db-s3cret", "consumer-s3cret", "http-s3cret");
    }

    @Test
    void the_evernote_consumer_secret_is_masked_and_the_key_pair_is_both_or_neither() {
        Settings s = Settings.load(ConfigSource.of(Map.of("th.evernote.consumer.key", "th-camel",
                "th.evernote.consumer.secret", "consumer-s3cret")));
        assertThat(s.evernoteApiKey().configured()).isTrue();
        assertThat(s.evernoteApiKey().consumerSecret()).isEqualTo("consumer-s3cret");
        assertThat(s.describe()).containsEntry("TH_EVERNOTE_CONSUMER_KEY", "th-camel")
                .containsEntry("TH_EVERNOTE_CONSUMER_SECRET", "****");
        assertThat(s.toString()).doesNotContain("consumer-s3cret");
        assertThat(s.evernoteApiKey().toString()).doesNotContain("consumer-s3cret");

        assertThat(Settings.load(ConfigSource.of(Map.of())).evernoteApiKey().configured()).isFalse();
        assertThatThrownBy(() -> Settings.load(ConfigSource.of(Map.of("th.evernote.consumer.secret", "x"))))
                .hasMessageContaining("TH_EVERNOTE_CONSUMER_KEY is empty").hasMessageNotContaining("=x");
    }
}

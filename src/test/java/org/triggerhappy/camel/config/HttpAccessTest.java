package org.triggerhappy.camel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpAccessTest {
    @TempDir
    Path dir;

    @Test
    void loopback_and_no_password_by_default() {
        HttpAccess a = Settings.load(ConfigSource.of(Map.of())).httpAccess();
        assertThat(a.host()).isEqualTo("127.0.0.1");
        assertThat(a.authenticated()).isFalse();
        assertThat(a.exposureWarning()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"127.0.0.1,true", "127.1.2.3,true", "localhost,true", "::1,true", "[::1],true", "0.0.0.0,false",
            "192.168.1.10,false", "::,false", "myhost.example,false"})
    void loopback_is_told_without_resolving_names(String host, boolean loopback) {
        assertThat(new HttpAccess(host, "", "").loopbackOnly()).isEqualTo(loopback);
    }

    @Test
    void every_interface_without_a_password_warns_and_with_one_does_not() {
        assertThat(HttpAccess.load(ConfigSource.of(Map.of("th.http.host", "0.0.0.0"))).exposureWarning())
                .contains("TH_HTTP_HOST=0.0.0.0").contains("WITHOUT a password").contains("TH_HTTP_PASSWORD");
        assertThat(HttpAccess.load(ConfigSource.of(Map.of("th.http.host", "0.0.0.0", "th.http.user", "ops",
                "th.http.password", "pw"))).exposureWarning()).isNull();
    }

    @Test
    void the_password_file_is_read_without_its_final_newline_and_never_shown() throws Exception {
        // a value no key name contains (TH_EVERNOTE_CONSUMER_SECRET is a name, shown)
        Path file = Files.writeString(dir.resolve("pw"), "from-file-Qx7pw\n");
        Settings s = Settings.load(ConfigSource.of(Map.of("th.http.user", "ops",
                "th.http.password.file", file.toString())));
        assertThat(s.httpAccess().password()).isEqualTo("from-file-Qx7pw");
        assertThat(s.describe().toString()).doesNotContain("Qx7pw").contains("TH_HTTP_PASSWORD=****");
        assertThat(s.toString()).doesNotContain("Qx7pw");
    }

    @Test
    void half_configured_authentication_fails_with_a_clear_message() throws Exception {
        assertThatThrownBy(() -> HttpAccess.load(ConfigSource.of(Map.of("th.http.password", "pw"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("TH_HTTP_USER");
        assertThatThrownBy(() -> HttpAccess.load(ConfigSource.of(Map.of("th.http.user", "ops"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("TH_HTTP_PASSWORD");
        assertThatThrownBy(() -> HttpAccess.load(ConfigSource.of(Map.of("th.http.user", "ops",
                "th.http.password.file", dir.resolve("missing").toString()))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("TH_HTTP_PASSWORD_FILE");
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThatThrownBy(() -> HttpAccess.load(ConfigSource.of(Map.of("th.http.user", "ops",
                "th.http.password.file", empty.toString()))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("is empty");
    }
}

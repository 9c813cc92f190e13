package org.triggerhappy.camel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.triggerhappy.camel.config.ConfigSource;

class ConfigFileArgumentTest {
    @AfterEach
    void clear() {
        System.clearProperty(ConfigSource.CONFIG_FILE_KEY);
    }

    @Test
    void config_is_taken_out_before_or_after_the_command() {
        assertThat(ConfigFileArgument.apply(new String[] {"--config", "/etc/a.properties", "run", "--once"}))
                .containsExactly("run", "--once");
        assertThat(System.getProperty(ConfigSource.CONFIG_FILE_KEY)).isEqualTo("/etc/a.properties");
        assertThat(ConfigFileArgument.apply(new String[] {"run", "--config=/etc/b.properties"})).containsExactly("run");
        assertThat(System.getProperty(ConfigSource.CONFIG_FILE_KEY)).isEqualTo("/etc/b.properties");
    }

    @Test
    void without_it_nothing_changes_and_a_missing_file_name_is_an_error() {
        assertThat(ConfigFileArgument.apply(new String[] {"triggers", "list"})).containsExactly("triggers", "list");
        assertThat(System.getProperty(ConfigSource.CONFIG_FILE_KEY)).isNull();
        assertThatThrownBy(() -> ConfigFileArgument.apply(new String[] {"run", "--config"}))
                .isInstanceOf(UserError.class).hasMessageContaining("--config needs a file name");
    }
}

package org.triggerhappy.camel.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's Configuration table is {@link Setting}, rendered: this test renders it and fails when README.md
 * says something else. {@code -Dth.readme.write=true} writes the rendered table into README.md instead.
 */
class ReadmeSettingsTableTest {
    static final String BEGIN = "<!-- settings: generated from config/Setting.java by ReadmeSettingsTableTest -->";
    static final String END = "<!-- end of settings -->";

    @Test
    void the_readme_configuration_table_is_the_settings_table() throws Exception {
        Path readme = Path.of("README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertThat(begin).as("README.md has the markers " + BEGIN + " … " + END).isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String rendered = text.substring(0, begin + BEGIN.length()) + "\n" + table() + text.substring(end);
        if (Boolean.getBoolean("th.readme.write")) {
            Files.writeString(readme, rendered, StandardCharsets.UTF_8);
            text = rendered;
        }
        assertThat(text).as("README.md's Configuration table differs from config/Setting.java;"
                + " rerun this test with -Dth.readme.write=true to regenerate it").isEqualTo(rendered);
    }

    static String table() {
        StringBuilder b = new StringBuilder("| variable | default | meaning |\n|---|---|---|\n");
        for (Setting s : Setting.values()) {
            b.append("| `").append(s.envName()).append("` | ").append(s.shownDefault()).append(" | ")
                    .append(s.meaning());
            if (s.secret()) {
                b.append(" (a secret: never logged or printed)");
            }
            b.append(" |\n");
        }
        return b.toString();
    }
}

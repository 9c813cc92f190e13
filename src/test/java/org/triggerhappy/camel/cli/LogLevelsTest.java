package org.triggerhappy.camel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.triggerhappy.camel.ops.LogSetup;

class LogLevelsTest {
    private static Map<String, String> levels(String... args) {
        return LogLevels.forCommand(args);
    }

    @Test
    void the_service_logs_info_single_runs_only_their_own_and_management_commands_only_warnings() {
        assertThat(levels("run")).containsEntry(LogSetup.ROOT_LEVEL, "INFO").containsEntry(LogSetup.APP_LEVEL, "INFO");
        assertThat(levels("run", "--once")).containsEntry(LogSetup.ROOT_LEVEL, "WARN")
                .containsEntry(LogSetup.APP_LEVEL, "INFO");
        assertThat(levels("demo")).containsEntry(LogSetup.ROOT_LEVEL, "WARN").containsEntry(LogSetup.APP_LEVEL, "INFO");
        assertThat(levels("triggers", "list")).containsEntry(LogSetup.ROOT_LEVEL, "WARN")
                .containsEntry(LogSetup.APP_LEVEL, "WARN");
        assertThat(levels("run", "--once", "--verbose")).containsEntry(LogSetup.ROOT_LEVEL, "INFO")
                .containsEntry(LogSetup.APP_LEVEL, "DEBUG");
    }
}

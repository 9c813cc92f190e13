package org.triggerhappy.camel.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.triggerhappy.camel.persistence.Database;
import org.triggerhappy.camel.persistence.TriggerQueries;
import org.triggerhappy.camel.persistence.TriggerSettingsRepository.Column;
import org.triggerhappy.camel.persistence.TriggerSettingsRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "set", mixinStandardHelpOptions = true,
        description = {"Changes a trigger's own settings (stored in thc_trigger_settings; django-th has no column for"
                + " them). Only the options given change; 'default' puts one back to the service's setting.",
                "Takes effect at the trigger's next poll (images: at the next note)."})
final class TriggerSetCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(paramLabel = "ID", description = "The trigger's id (triggers list).")
    int id;

    @Mixin
    TriggerSettingsOptions options = new TriggerSettingsOptions();

    TriggerSetCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        Map<Column, Object> changes = options.changes();
        if (changes.isEmpty()) {
            throw new UserError("nothing to set: give --interval, --full-content, --selector, --images, --keep, --block,"
                    + " --clear-rules or --title-template");
        }
        try (Database db = ctx.database()) {
            if (!new TriggerQueries(db.dataSource()).triggerExists(id)) {
                throw UserError.unknownTrigger(id);
            }
            new TriggerSettingsRepository(db.dataSource()).update(id, changes);
        }
        ctx.out().println("trigger " + id + " updated");
        return 0;
    }
}

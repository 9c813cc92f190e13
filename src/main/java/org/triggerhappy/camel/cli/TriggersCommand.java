package org.triggerhappy.camel.cli;

import java.util.OptionalInt;
import org.triggerhappy.camel.persistence.Database;
import org.triggerhappy.camel.persistence.TriggerQueries;
import org.triggerhappy.camel.persistence.TriggerRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "triggers", mixinStandardHelpOptions = true,
        description = "Adds, lists, previews, switches on/off and removes RSS → Evernote triggers in django-th's tables.",
        subcommands = {TriggerAddCommand.class, TriggerSetCommand.class, TriggerListCommand.class,
                TriggerImportCommand.class, TriggerExportCommand.class, TriggerPreviewCommand.class})
final class TriggersCommand {
    private final CliContext ctx;

    TriggersCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Command(name = "enable", mixinStandardHelpOptions = true,
            description = "Switches the trigger on (django_th_triggerservice.status): its feed is polled again.")
    int enable(@Parameters(paramLabel = "ID", description = "The trigger's id (triggers list).") int id) {
        return setStatus(id, true);
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Switches the trigger off: its feed is not polled; entries already queued are still written.")
    int disable(@Parameters(paramLabel = "ID", description = "The trigger's id (triggers list).") int id) {
        return setStatus(id, false);
    }

    private int setStatus(int id, boolean on) {
        try (Database db = ctx.database()) {
            if (!new TriggerQueries(db.dataSource()).triggerExists(id)) {
                throw UserError.unknownTrigger(id);
            }
            new TriggerRepository(db.dataSource()).setStatus(id, on);
        }
        ctx.out().println("trigger " + id + " is " + (on ? "on" : "off"));
        return 0;
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = {"Deletes the trigger as Django would (its django_th_rss and django_th_evernote rows with it)"
                    + " and the service's state for it: seen entries, feed state, settings and the entries still"
                    + " waiting to become notes. One transaction."})
    int remove(@Parameters(paramLabel = "ID", description = "The trigger's id (triggers list).") int id) {
        OptionalInt dropped;
        try (Database db = ctx.database()) {
            dropped = new TriggerRepository(db.dataSource()).remove(id);
        }
        if (dropped.isEmpty()) {
            throw UserError.unknownTrigger(id);
        }
        ctx.out().println("trigger " + id + " removed"
                + (dropped.getAsInt() > 0 ? " (" + dropped.getAsInt() + " waiting entries dropped)" : ""));
        return 0;
    }
}

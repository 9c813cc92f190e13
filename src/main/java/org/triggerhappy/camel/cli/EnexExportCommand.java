package org.triggerhappy.camel.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.triggerhappy.camel.config.Settings;
import org.triggerhappy.camel.notes.EnexWriter;
import org.triggerhappy.camel.notes.NoteComposer;
import org.triggerhappy.camel.notes.NoteSource;
import org.triggerhappy.camel.persistence.Database;
import org.triggerhappy.camel.persistence.OutboxItem;
import org.triggerhappy.camel.persistence.OutboxQueries.PendingEntry;
import org.triggerhappy.camel.persistence.OutboxQueries;
import org.triggerhappy.camel.persistence.TriggerQueries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Writes the entries still waiting to become notes (of every trigger, or of one) to ENEX files,"
                + " one per notebook, importable with Evernote's File > Import.",
                "The entries stay queued: the service still writes them to Evernote when it can."})
final class EnexExportCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Option(names = "--trigger", paramLabel = "ID", description = "Only this trigger's entries.")
    Integer trigger;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Folder for the files; it must hold no .enex file yet. Default: TH_ENEX_DIR/export-<UTC time>.")
    Path out;

    EnexExportCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        Settings settings = ctx.settings();
        Path dir = (out != null ? out : settings.enexDir().resolve("export-" + FileStamps.of(Instant.now()))).toAbsolutePath();
        refuseExistingExport(dir);
        List<PendingEntry> entries;
        try (Database db = ctx.database(settings)) {
            if (trigger != null && !new TriggerQueries(db.dataSource()).triggerExists(trigger)) {
                throw UserError.unknownTrigger(trigger);
            }
            entries = new OutboxQueries(db.dataSource())
                    .pendingEntries(trigger == null ? OptionalInt.empty() : OptionalInt.of(trigger));
        }
        if (entries.isEmpty()) {
            ctx.out().println("no entries waiting" + (trigger == null ? "" : " for trigger " + trigger)
                    + ": nothing exported");
            return 0;
        }
        Map<Path, Integer> perFile = write(dir, entries);
        perFile.forEach((file, n) -> ctx.out().println(n + (n == 1 ? " note in " : " notes in ") + file));
        ctx.out().println("exported " + entries.size() + " waiting entries to " + dir
                + " (they stay queued for Evernote)");
        return 0;
    }

    /** The notes exactly as the service would write them to Evernote. */
    private static Map<Path, Integer> write(Path dir, List<PendingEntry> entries) {
        EnexWriter writer = new EnexWriter(dir);
        NoteComposer composer = new NoteComposer();
        Map<Path, Integer> perFile = new TreeMap<>();
        try {
            for (PendingEntry e : entries) {
                OutboxItem i = e.item();
                Path file = writer.append(composer.compose(new NoteSource(i.title(), i.link(), i.content(),
                        i.published(), e.notebook(), e.tags(), e.description())));
                perFile.merge(file, 1, Integer::sum);
            }
        } catch (UncheckedIOException ex) {
            throw new UserError("cannot write to " + dir + ": " + ex.getCause().getMessage());
        }
        return perFile;
    }

    /** Appending to an earlier export would hold some notes twice. */
    private static void refuseExistingExport(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            if (files.anyMatch(p -> p.getFileName().toString().endsWith(".enex"))) {
                throw new UserError(dir + " holds .enex files already: choose another --out (an export appended to"
                        + " them would hold some notes twice)");
            }
        } catch (IOException e) {
            throw new UserError("cannot read " + dir + ": " + e.getMessage());
        }
    }
}

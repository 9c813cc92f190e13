package org.triggerhappy.camel.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.triggerhappy.camel.config.Masked;
import org.triggerhappy.camel.persistence.Database;
import org.triggerhappy.camel.persistence.OutboxQueries.Waiting;
import org.triggerhappy.camel.persistence.OutboxQueries;
import org.triggerhappy.camel.persistence.OutboxRepository;
import org.triggerhappy.camel.persistence.UserRepository;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "outbox", mixinStandardHelpOptions = true,
        description = "Shows the entries waiting to become notes, and queues parked ones again.")
final class OutboxCommand {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final CliContext ctx;

    OutboxCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"Lists the entries not yet written as notes: outbox id, user, trigger, title, state"
                    + " (parked, deferred: waiting for a later attempt, due, delivering), reason and since when (UTC).",
                    "With --json: a JSON array with one object per entry (times ISO-8601)."})
    int list(@Option(names = "--parked", description = "Only the parked entries (those 'outbox retry' queues again).")
             boolean parked,
             @Option(names = "--user", paramLabel = "NAME", description = "Only this user's entries.") String user,
             @Option(names = "--json", description = "Print JSON instead of a table.") boolean json)
            throws JsonProcessingException {
        List<Waiting> items;
        try (Database db = ctx.database()) {
            if (user != null && new UserRepository(db.dataSource()).userId(user).isEmpty()) {
                throw UserError.unknownUser(user);
            }
            items = new OutboxQueries(db.dataSource()).list(parked, user);
        }
        if (json) {
            ctx.out().println(new ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(items.stream().map(OutboxCommand::toJson).toList()));
        } else if (items.isEmpty()) {
            ctx.out().println(parked ? "no parked entries" : "no entries waiting");
        } else {
            TextTable t = new TextTable("ID", "USER", "TRIGGER", "TITLE", "STATE", "REASON", "SINCE");
            for (Waiting w : items) {
                t.row(Long.toString(w.id()), w.user() == null ? "-" : w.user(), Integer.toString(w.triggerId()),
                        TextTable.clip(w.title(), 50), w.state(), TextTable.clip(reason(w), 70), time(w.since()));
            }
            t.print(ctx.out());
        }
        return 0;
    }

    /** Exactly one way to choose what to retry. */
    static final class Which {
        @Option(names = "--all", required = true, description = "Every parked entry.")
        boolean all;

        @Option(names = "--user", required = true, paramLabel = "NAME", description = "The user's parked entries.")
        String user;

        @Parameters(paramLabel = "OUTBOX_ID", arity = "1..*", description = "These entries (outbox list shows ids).")
        List<Long> ids;
    }

    @Command(name = "retry", mixinStandardHelpOptions = true,
            description = {"Puts parked entries back to pending, due at once with a fresh back-off, and prints how"
                    + " many. Entries that are not parked are left alone."})
    int retry(@ArgGroup(exclusive = true, multiplicity = "1") Which which) {
        int n;
        try (Database db = ctx.database()) {
            OutboxRepository outbox = new OutboxRepository(db.dataSource());
            if (which.all) {
                n = outbox.retryAll();
            } else if (which.user != null) {
                int userId = new UserRepository(db.dataSource()).userId(which.user)
                        .orElseThrow(() -> UserError.unknownUser(which.user));
                n = outbox.retryUser(userId);
            } else {
                n = outbox.retryIds(which.ids);
            }
        }
        ctx.out().println(n + " parked entr" + (n == 1 ? "y" : "ies") + " queued again");
        return 0;
    }

    private static String reason(Waiting w) {
        return w.reason() == null ? "-" : Masked.text(w.reason());
    }

    private static Map<String, Object> toJson(Waiting w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", w.id());
        m.put("user", w.user());
        m.put("trigger", w.triggerId());
        m.put("title", w.title());
        m.put("state", w.state());
        m.put("reason", w.reason() == null ? null : Masked.text(w.reason()));
        m.put("since", iso(w.since()));
        m.put("nextTry", w.state().equals("parked") ? null : iso(w.next()));
        m.put("attempts", w.attempts());
        return m;
    }

    private static String iso(Instant i) {
        return i == null ? null : i.toString();
    }

    private static String time(Instant i) {
        return i == null ? "-" : TIME.format(i);
    }
}

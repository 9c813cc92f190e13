package org.triggerhappy.camel.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.triggerhappy.camel.config.Masked;
import org.triggerhappy.camel.notes.EdamNames;
import org.triggerhappy.camel.persistence.Database;
import org.triggerhappy.camel.persistence.TriggerQueries.TriggerSummary;
import org.triggerhappy.camel.persistence.TriggerQueries;
import org.triggerhappy.camel.persistence.TriggerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Lists every trigger: id, user, on/off, feed URL, notebook, tags, own poll interval, last and"
                + " next check (UTC) and the last result.",
                "With --json: a JSON array with one object per trigger (times ISO-8601, tags as an array)."})
final class TriggerListCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final CliContext ctx;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    TriggerListCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws JsonProcessingException {
        List<TriggerSummary> triggers;
        try (Database db = ctx.database()) {
            triggers = new TriggerQueries(db.dataSource()).triggers();
        }
        if (json) {
            ctx.out().println(new ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(triggers.stream().map(TriggerListCommand::toJson).toList()));
        } else if (triggers.isEmpty()) {
            ctx.out().println("no triggers (add one with: triggers add --user NAME --url URL)");
        } else {
            table(triggers).print(ctx.out());
        }
        return 0;
    }

    private static TextTable table(List<TriggerSummary> triggers) {
        TextTable t = new TextTable("ID", "USER", "STATUS", "URL", "NOTEBOOK", "TAGS", "INTERVAL", "CONTENT",
                "IMAGES", "RULES", "LAST CHECK", "NEXT CHECK", "RESULT");
        for (TriggerSummary s : triggers) {
            t.row(Integer.toString(s.id()), s.user(), s.on() ? "on" : "off", TextTable.clip(Masked.url(s.url()), 80),
                    TextTable.clip(s.notebook(), 40), TextTable.clip(s.tags(), 40),
                    s.interval() == null ? "default" : human(s.interval()), content(s.settings()),
                    s.settings().images() == null ? "default" : s.settings().images().label(), rules(s.settings()),
                    time(s.lastCheck()),
                    time(s.nextCheck()),
                    TextTable.clip(Masked.text(s.result()), 60));
        }
        return t;
    }

    private static Map<String, Object> toJson(TriggerSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("user", s.user());
        m.put("status", s.on() ? "on" : "off");
        m.put("description", Masked.text(s.description()));
        m.put("url", Masked.url(s.url()));
        m.put("notebook", s.notebook());
        m.put("tags", EdamNames.tags(s.tags()));
        m.put("interval", s.interval() == null ? null : s.interval().toString());
        TriggerSettings own = s.settings();
        m.put("fullContent", own.fullContent() == null ? null : own.fullContent().label());
        m.put("selector", own.selector());
        m.put("images", own.images() == null ? null : own.images().label());
        m.put("keep", own.keepRules());
        m.put("block", own.blockRules());
        m.put("titleTemplate", own.titleTemplate());
        m.put("lastCheck", s.lastCheck() == null ? null : s.lastCheck().toString());
        m.put("nextCheck", s.nextCheck() == null ? null : s.nextCheck().toString());
        m.put("result", Masked.text(s.result()));
        return m;
    }

    /** auto, always, never or default, with the selector when there is one. */
    private static String content(TriggerSettings own) {
        String mode = own.fullContent() == null ? "default" : own.fullContent().label();
        return own.selector() == null ? mode : mode + " " + TextTable.clip(own.selector(), 30);
    }

    /** "2 keep, 1 block, title" or "-": the rules themselves are in --json. */
    private static String rules(TriggerSettings own) {
        List<String> parts = new java.util.ArrayList<>();
        if (!own.keepRules().isEmpty()) {
            parts.add(own.keepRules().size() + " keep");
        }
        if (!own.blockRules().isEmpty()) {
            parts.add(own.blockRules().size() + " block");
        }
        if (own.titleTemplate() != null) {
            parts.add("title");
        }
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }

    private static String time(Instant i) {
        return i == null ? "-" : TIME.format(i);
    }

    /** 2h, 90m, 45s: the shortest whole unit. */
    static String human(Duration d) {
        long s = d.toSeconds();
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}

package org.triggerhappy.camel.ops;

import org.triggerhappy.camel.persistence.StatusSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.BiConsumer;
import org.triggerhappy.camel.config.Masked;
import org.triggerhappy.camel.entries.Html;

/**
 * Renders a {@link StatusSnapshot} as one self-contained HTML page: no script, no external resource, every value
 * escaped. It refreshes itself every minute with a meta tag, which works without JavaScript.
 */
public final class StatusHtml {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}
            h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}
            table{border-collapse:collapse;font-size:.9rem;width:100%}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
            th{background:#f3f3f3}td.n{text-align:right}.off{color:#888}.err{color:#a00}time{white-space:nowrap}
            td{overflow-wrap:anywhere}.url{min-width:12rem}td.result{min-width:14rem}
            dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}
            """;

    private StatusHtml() {
    }

    public static String render(StatusSnapshot s) {
        StringBuilder b = new StringBuilder(8192 + s.triggers().size() * 600);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"refresh\" content=\"60\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>TriggerHappy Camel status</title><style>").append(STYLE).append("</style></head><body>\n")
                .append("<h1>TriggerHappy Camel status</h1>\n<p>As of ").append(time(s.takenAt()))
                .append(" (all times UTC).</p>\n");
        outbox(b, s);
        paused(b, s);
        heldBack(b, s);
        triggers(b, s);
        return b.append("</body></html>\n").toString();
    }

    /** The page shown when the figures cannot be read; the detail goes to the log, not to the visitor. */
    public static String unavailable(Instant now) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"30\">"
                + "<title>TriggerHappy Camel status</title></head><body><h1>TriggerHappy Camel status</h1>"
                + "<p id=\"unavailable\">The status could not be read from the database (" + time(now) + " UTC); this"
                + " page tries again every 30 seconds.</p></body></html>\n";
    }

    private static void outbox(StringBuilder b, StatusSnapshot s) {
        StatusSnapshot.Outbox o = s.outbox();
        long failing = s.triggers().stream().filter(t -> t.consecutiveFailures() > 0).count();
        long served = s.triggers().stream().filter(StatusSnapshot.TriggerLine::served).count();
        b.append("<h2>Summary</h2>\n<dl id=\"summary\">")
                .append(item("triggers", s.triggers().size() + " (" + served + " active, " + failing + " failing)"))
                .append(item("outbox-pending", o.pending() + " note" + (o.pending() == 1 ? "" : "s") + " waiting ("
                        + o.dueNow() + " due now)"))
                .append(item("outbox-oldest", o.oldestPending() == null ? "none waiting"
                        : Html.escapeForPage(time(o.oldestPending())) + " (" + relative(o.oldestPending(), s.takenAt())
                        + ")"))
                .append(item("outbox-parked", o.parked() + " (cannot succeed by waiting; 'outbox retry' queues them"
                        + " again)"))
                .append(item("users-paused", Long.toString(s.pausedUsers().size())))
                .append("</dl>\n");
    }

    private static String item(String id, String html) {
        String label = switch (id) {
            case "triggers" -> "Triggers";
            case "outbox-pending" -> "Outbox";
            case "outbox-oldest" -> "Oldest waiting note";
            case "outbox-parked" -> "Parked notes";
            default -> "Paused users";
        };
        return "<dt>" + label + "</dt><dd id=\"summary-" + id + "\">" + html + "</dd>";
    }

    private static void paused(StringBuilder b, StatusSnapshot s) {
        section(b, "Paused users", s.pausedUsers(), "no-paused-users", "No user is paused.", "paused-users",
                List.of("User", "Why", "Since", "Until", "Notes waiting", "Reason"), (row, p) -> row
                        .append("<tr data-user-id=\"").append(p.userId()).append("\"><td>")
                        .append(user(p.user(), p.userId()))
                        .append("</td><td>").append(Html.escapeForPage(p.kind()))
                        .append("</td><td>").append(when(p.since(), s.takenAt()))
                        .append("</td><td>").append(p.until() == null ? "until the token is renewed"
                                : when(p.until(), s.takenAt()))
                        .append("</td><td class=\"n\">").append(p.notesWaiting())
                        .append("</td><td>").append(Html.escapeForPage(p.reason())).append("</td></tr>\n"));
    }

    private static void heldBack(StringBuilder b, StatusSnapshot s) {
        section(b, "Notes held back", s.heldBack(), "no-held-back", "No note is parked or waiting for a retry.",
                "held-back", List.of("User", "Parked", "Why parked", "Deferred", "Why deferred"), (row, h) -> row
                        .append("<tr data-held-user-id=\"").append(h.userId()).append("\"><td>")
                        .append(user(h.user(), h.userId()))
                        .append("</td><td class=\"n\">").append(h.parked())
                        .append("</td><td>").append(reason(h.parkedReason()))
                        .append("</td><td class=\"n\">").append(h.deferred())
                        .append("</td><td>").append(reason(h.deferredReason())).append("</td></tr>\n"));
    }

    /** A heading, then a table of {@code rows} under {@code headers}, or one line saying there are none. */
    private static <T> void section(StringBuilder b, String heading, List<T> rows, String emptyId, String empty,
                                    String tableId, List<String> headers, BiConsumer<StringBuilder, T> row) {
        b.append("<h2>").append(heading).append("</h2>\n");
        if (rows.isEmpty()) {
            b.append("<p id=\"").append(emptyId).append("\">").append(empty).append("</p>\n");
            return;
        }
        b.append("<table id=\"").append(tableId).append("\"><thead><tr>");
        headers.forEach(h -> b.append("<th>").append(h).append("</th>"));
        b.append("</tr></thead><tbody>\n");
        rows.forEach(r -> row.accept(b, r));
        b.append("</tbody></table>\n");
    }

    private static String reason(String reason) {
        return reason == null ? "—" : Html.escapeForPage(Masked.text(reason));
    }

    private static void triggers(StringBuilder b, StatusSnapshot s) {
        section(b, "Triggers", s.triggers(), "no-triggers", "No RSS → Evernote trigger in the database.", "triggers",
                List.of("#", "User", "Trigger", "Feed", "Last check", "Next check", "Last result", "Entries seen",
                        "Notes written", "Notes failed", "Notes waiting", "Parked"), (row, t) -> row
                        .append("<tr data-trigger-id=\"").append(t.triggerId()).append('"')
                        .append(t.served() ? "" : " class=\"off\"").append("><td>").append(t.triggerId())
                        .append("</td><td>").append(Html.escapeForPage(t.user()))
                        .append("</td><td>").append(Html.escapeForPage(Masked.text(t.description())))
                        .append(t.served() ? "" : " <em>(switched off in django-th)</em>")
                        .append("</td><td class=\"url\">").append(Html.escapeForPage(Masked.url(t.feedUrl())))
                        .append("</td><td>").append(t.lastCheck() == null ? "never" : when(t.lastCheck(), s.takenAt()))
                        .append("</td><td>").append(t.nextCheck() == null ? (t.served() ? "next cycle" : "—")
                                : when(t.nextCheck(), s.takenAt()))
                        .append("</td><td class=\"result").append(t.consecutiveFailures() > 0 ? " err" : "")
                        .append("\">").append(result(t))
                        .append("</td><td class=\"n\">").append(t.entriesSeen())
                        .append("</td><td class=\"n\">").append(t.notesWritten())
                        .append("</td><td class=\"n\">").append(t.notesFailed())
                        .append("</td><td class=\"n\">").append(t.notesWaiting())
                        .append("</td><td class=\"n\">").append(t.notesParked()).append("</td></tr>\n"));
    }

    private static String result(StatusSnapshot.TriggerLine t) {
        // Results written before masking, or by django-th itself, may still quote a URL.
        StringBuilder r = new StringBuilder(Html.escapeForPage(t.result() == null || t.result().isEmpty() ? "—"
                : Masked.text(t.result())));
        if (t.lastStatus() != null) {
            r.append(" <small>(feed: ").append(Html.escapeForPage(t.lastStatus()));
            if (t.consecutiveFailures() > 0) {
                r.append(", failed ").append(t.consecutiveFailures()).append(t.consecutiveFailures() == 1 ? " time" : " times in a row");
            }
            r.append(")</small>");
        }
        return r.toString();
    }

    private static String user(String name, int id) {
        return name == null ? "user #" + id : Html.escapeForPage(name);
    }

    private static String when(Instant t, Instant now) {
        return "<time datetime=\"" + t.truncatedTo(ChronoUnit.SECONDS) + "\">" + time(t) + "</time> <small>("
                + relative(t, now) + ")</small>";
    }

    private static String time(Instant t) {
        return TIME.format(t);
    }

    static String relative(Instant t, Instant now) {
        Duration d = Duration.between(now, t);
        boolean future = !d.isNegative();
        long s = Math.abs(d.getSeconds());
        String amount;
        if (s < 60) {
            amount = s + " s";
        } else if (s < 3600) {
            amount = s / 60 + " min";
        } else if (s < 48 * 3600) {
            amount = s / 3600 + " h " + (s % 3600) / 60 + " min";
        } else {
            amount = s / 86400 + " days";
        }
        return future ? "in " + amount : amount + " ago";
    }
}

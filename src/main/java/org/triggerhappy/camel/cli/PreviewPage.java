package org.triggerhappy.camel.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.triggerhappy.camel.config.FullContentMode;
import org.triggerhappy.camel.config.ImageMode;
import org.triggerhappy.camel.config.Masked;
import org.triggerhappy.camel.entries.Html;
import org.triggerhappy.camel.notes.EnmlPreview;
import org.triggerhappy.camel.notes.NoteDraft;
import org.triggerhappy.camel.persistence.DeliveryTarget;
import org.triggerhappy.camel.persistence.Trigger;
import org.triggerhappy.camel.pipeline.FeedPreview;

/**
 * The preview as one self-contained HTML file: the settings it was made with, then each entry as its note (title,
 * notebook, tags, date, content with stored images inline) or as filtered out with its rule. Everything shown comes
 * from outside and is escaped; the Content-Security-Policy allows no script and no load but data: images, so opening
 * the file runs nothing and fetches nothing (images that stay remote in the note are links).
 */
final class PreviewPage {
    static final String CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none';"
            + " form-action 'none'";
    private static final Pattern REMOTE_IMG = Pattern.compile("<img\\s");

    private final Integer triggerId;
    private final Trigger row;
    private final DeliveryTarget target;
    private final FullContentMode mode;
    private final ImageMode images;
    private final DateTimeFormatter time;
    private final Instant readAt;

    /**
     * @param triggerId null for a preview of a URL
     * @param mode      the full-content mode in effect (the trigger's or the default)
     * @param images    the image mode in effect
     */
    PreviewPage(Integer triggerId, Trigger row, DeliveryTarget target, FullContentMode mode, ImageMode images,
                ZoneId zone, Instant readAt) {
        this.triggerId = triggerId;
        this.row = row;
        this.target = target;
        this.mode = mode;
        this.images = images;
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT).withZone(zone);
        this.readAt = readAt;
    }

    /** One line: how many entries, notes, filtered out and already seen. */
    static String summary(FeedPreview.Result r) {
        long filtered = r.entries().stream().filter(FeedPreview.Entry::filtered).count();
        long seen = r.entries().stream().filter(FeedPreview.Entry::seen).count();
        int shown = r.entries().size();
        return (shown < r.entriesInFeed() ? "first " + shown + " of " + r.entriesInFeed() : Integer.toString(shown))
                + (shown == 1 ? " entry: " : " entries: ") + (shown - filtered) + (shown - filtered == 1 ? " note, "
                : " notes, ") + filtered + " filtered out" + (seen > 0 ? ", " + seen + " already seen" : "");
    }

    String html(FeedPreview.Result r) {
        StringBuilder b = new StringBuilder(64 * 1024);
        String feed = r.feedTitle().isEmpty() ? Masked.url(r.feedUrl()) : r.feedTitle();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CSP).append("\">\n")
                .append("<meta name=\"referrer\" content=\"no-referrer\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Preview: ").append(Html.escapeForPage(feed)).append("</title>\n<style>").append(STYLE)
                .append("</style></head>\n<body>\n<header>\n<h1>Preview: ").append(Html.escapeForPage(feed)).append("</h1>\n");
        b.append("<p class=\"what\">").append(triggerId == null ? "Feed " : "Trigger " + triggerId + " ("
                + Html.escapeForPage(row.description()) + "), feed ").append("<code>").append(Html.escapeForPage(Masked.url(r.feedUrl())))
                .append("</code>, read ").append(Html.escapeForPage(time.format(readAt))).append(". Nothing was stored:"
                        + " not the seen entries, not the outbox, not Evernote. Every entry is shown as if it were"
                        + " new.</p>\n");
        settings(b);
        b.append("<p id=\"summary\">").append(Html.escapeForPage(summary(r))).append("</p>\n</header>\n<main>\n");
        int n = 0;
        for (FeedPreview.Entry e : r.entries()) {
            n++;
            if (e.filtered()) {
                filtered(b, n, e);
            } else {
                note(b, n, e);
            }
        }
        return b.append("</main>\n</body></html>\n").toString();
    }

    private void settings(StringBuilder b) {
        b.append("<table id=\"settings\">");
        row(b, "full content", mode.label() + (row.selector() == null ? ""
                : ", article selector " + row.selector()));
        row(b, "images", images == ImageMode.EMBED ? "embed (stored in the note; the account's upload allowance is"
                + " not checked here)" : "link (remote images)");
        row(b, "keep rules", rules(row.keepRules()));
        row(b, "block rules", rules(row.blockRules()));
        row(b, "title template", row.titleTemplate() == null ? "(the entry's own title)" : row.titleTemplate());
        b.append("</table>\n");
    }

    private static String rules(List<String> rules) {
        return rules.isEmpty() ? "(none)" : String.join("   ", rules);
    }

    private static void row(StringBuilder b, String name, String value) {
        b.append("<tr><th>").append(Html.escapeForPage(name)).append("</th><td>").append(Html.escapeForPage(value))
                .append("</td></tr>");
    }

    private void note(StringBuilder b, int n, FeedPreview.Entry e) {
        NoteDraft d = e.note();
        b.append("<article class=\"note").append(e.seen() ? " seen" : "").append("\" id=\"entry-").append(n)
                .append("\">\n<h2 class=\"title\">").append(Html.escapeForPage(d.title())).append("</h2>\n");
        if (e.seen()) {
            b.append("<p class=\"badge seen\">already seen: the trigger's ledger holds this entry, the service will"
                    + " not write it again</p>\n");
        }
        if (e.warning() != null) {
            b.append("<p class=\"badge warning\">").append(Html.escapeForPage(e.warning())).append("</p>\n");
        }
        b.append("<table class=\"meta\">");
        row(b, "notebook", d.notebook() == null ? "(the account's default notebook)" : d.notebook());
        b.append("<tr><th>tags</th><td class=\"tags\">");
        if (d.tags().isEmpty()) {
            b.append("(none)");
        }
        for (String tag : d.tags()) {
            b.append("<span class=\"tag\">").append(Html.escapeForPage(tag)).append("</span> ");
        }
        b.append("</td></tr>");
        row(b, "date", d.created() == null ? "(none: the time of writing)" : time.format(d.created()));
        b.append("<tr><th>source</th><td>");
        link(b, d.sourceUrl());
        b.append("</td></tr>");
        row(b, "content", e.content());
        row(b, "images", imageCount(d));
        row(b, "size", String.format(Locale.ROOT, "%,d bytes", d.sizeBytes()));
        b.append("</table>\n<div class=\"body\">").append(EnmlPreview.html(d.enml(), d.resources()))
                .append("</div>\n</article>\n");
    }

    private static String imageCount(NoteDraft d) {
        int remote = 0;
        Matcher m = REMOTE_IMG.matcher(d.enml());
        while (m.find()) {
            remote++;
        }
        int stored = d.resources().size();
        if (stored == 0 && remote == 0) {
            return "(none)";
        }
        return stored + " stored in the note, " + remote + " remote" + (d.imagesOverBudget()
                ? " (the upload allowance is too small for them)" : "");
    }

    private static void filtered(StringBuilder b, int n, FeedPreview.Entry e) {
        b.append("<article class=\"filtered").append(e.seen() ? " seen" : "").append("\" id=\"entry-").append(n)
                .append("\">\n<h2 class=\"title\">").append(Html.escapeForPage(e.title())).append("</h2>\n")
                .append("<p class=\"badge rule\">filtered out: <code class=\"rule\">").append(Html.escapeForPage(e.filteredBy()))
                .append("</code></p>\n<p class=\"source\">");
        link(b, e.link());
        b.append("</p>\n</article>\n");
    }

    private static void link(StringBuilder b, String url) {
        if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
            b.append(url == null ? "(none)" : Html.escapeForPage(url));
            return;
        }
        b.append("<a href=\"").append(Html.escapeForPage(url)).append("\" rel=\"noopener noreferrer\">")
                .append(Html.escapeForPage(url)).append("</a>");
    }

    private static final String STYLE = """
            body { margin: 0; background: #f2f2f2; color: #222; font: 15px/1.5 system-ui, -apple-system, "Segoe UI",
              Roboto, "Helvetica Neue", Arial, sans-serif; }
            header { background: #fff; border-bottom: 1px solid #ddd; padding: 16px 32px; }
            header h1 { margin: 0 0 4px; font-size: 22px; }
            .what { margin: 0 0 8px; color: #555; }
            #settings, .meta { border-collapse: collapse; font-size: 13px; }
            #settings th, .meta th { text-align: left; font-weight: 600; color: #666; padding: 1px 16px 1px 0;
              vertical-align: top; white-space: nowrap; }
            #settings td, .meta td { padding: 1px 0; overflow-wrap: anywhere; }
            #summary { font-weight: 600; margin: 8px 0 0; }
            main { max-width: 900px; margin: 0 auto; padding: 16px; }
            article { background: #fff; border: 1px solid #ddd; border-radius: 6px; margin: 0 0 20px; padding: 16px 24px; }
            article.note { border-left: 6px solid #00a82d; }
            article.filtered { border-left: 6px solid #c62828; background: #fafafa; color: #777; }
            article h2 { margin: 0 0 8px; font-size: 20px; }
            article.filtered h2 { text-decoration: line-through; font-size: 17px; }
            .badge { display: inline-block; margin: 0 0 8px; padding: 2px 8px; border-radius: 4px; font-size: 13px; }
            .badge.rule { background: #fdecea; color: #b71c1c; }
            .badge.seen { background: #e8eaf6; color: #283593; }
            .badge.warning { background: #fff8e1; color: #8d6e00; }
            .tag { display: inline-block; background: #e6f4ea; color: #1b5e20; border-radius: 10px; padding: 0 8px;
              margin-right: 4px; }
            .body { border-top: 1px solid #eee; margin-top: 12px; padding-top: 12px; }
            .en-note { overflow-wrap: break-word; }
            .en-note img { max-width: 100%; height: auto; }
            .remote-image { display: inline-block; border: 1px dashed #999; padding: 8px 12px; color: #555;
              font-size: 13px; }
            .en-crypt, .en-media-missing { background: #eee; padding: 0 4px; color: #666; }
            code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 13px; }
            """;
}

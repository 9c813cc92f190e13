package org.triggerhappy.camel.notes;

import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.triggerhappy.camel.articles.LazyImages;
import org.jsoup.nodes.Element;
import org.triggerhappy.camel.config.Masked;

/**
 * Turns entry HTML (any HTML: fragments, hostile or broken markup) into a complete ENML document by writing only
 * what the ENML DTD and the Evernote service accept: allowed elements with their allowed attributes, absolute
 * http/https/mailto links, remote http(s) images, UTF-8 text. Everything else is unwrapped or dropped. The
 * result never exceeds EDAM_NOTE_CONTENT_LEN_MAX; a cut body ends with a visible "[Truncated …]" marker.
 * Stateless and thread-safe.
 */
public final class EnmlConverter {

    public static final String PROLOG = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<!DOCTYPE en-note SYSTEM \"" + EnmlValidator.ENML_SYSTEM_ID + "\">\n";

    /** Input beyond this is cut before parsing so hostile input cannot exhaust the heap. */
    public static final int INPUT_MAX_CHARS = 20 * 1024 * 1024;

    /** Deeper nesting is flattened (content kept): articles never need more, and notes stay easy to render. */
    static final int MAX_DEPTH = 64;

    private static final int LABEL_MAX_CODE_POINTS = 255;
    private static final int LINK_TEXT_MAX_CODE_POINTS = 300;
    private static final int LINK_MAX_CHARS = 4096;
    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n[ \\t\\x0B\\f]*\\n\\s*");

    private final long contentMax;

    public EnmlConverter() {
        this(EnmlValidator.CONTENT_LEN_MAX);
    }

    /** @param contentMaxBytes total size limit of the ENML document, in UTF-8 bytes (tests use small values) */
    EnmlConverter(long contentMaxBytes) {
        this.contentMax = contentMaxBytes;
    }

    /** The size limit of the documents this converter writes, in UTF-8 bytes. */
    long contentMax() {
        return contentMax;
    }

    /**
     * @param html        entry HTML; may be null, a fragment, or a whole page
     * @param baseUrl     URL relative links and images are resolved against (usually the entry link); may be null
     * @param footerLabel who provided the note (e.g. the trigger's description); may be null
     * @param link        entry link shown in the footer and the truncation marker; null means no footer
     */
    public String toEnml(String html, String baseUrl, String footerLabel, String link) {
        return toEnml(html, baseUrl, footerLabel, link, InlineImages.REMOTE);
    }

    /** As {@link #toEnml(String, String, String, String)}, with {@code images} deciding which images are en-media. */
    String toEnml(String html, String baseUrl, String footerLabel, String link, InlineImages images) {
        return write(parse(html, baseUrl), footerLabel, link, images);
    }

    /**
     * Entry HTML parsed once, ready to be written as ENML any number of times (with remote images, then with the
     * images that were downloaded): lazy images made real, embeds turned into links.
     */
    record Parsed(Element body, String baseUrl, boolean inputCut) {
    }

    Parsed parse(String html, String baseUrl) {
        String input = html == null ? "" : html;
        boolean inputCut = input.length() > INPUT_MAX_CHARS;
        if (inputCut) {
            input = input.substring(0, cutIndex(input, INPUT_MAX_CHARS));
        }
        Element body = Jsoup.parse(input, baseUrl == null ? "" : baseUrl).body();
        // Lazy images of feed content get their real source (an extracted article already has them).
        LazyImages.normalize(body, baseUrl);
        EmbedLinks.replace(body, baseUrl);
        return new Parsed(body, baseUrl, inputCut);
    }

    /** The ENML document of {@code parsed}; writing does not change it. */
    String write(Parsed parsed, String footerLabel, String link, InlineImages images) {
        return document(link, footerLabel, writer -> new HtmlToEnml(writer, parsed.baseUrl(), images)
                .write(parsed.body()), parsed.inputCut());
    }

    /** ENML whose body is {@code text} escaped: paragraphs at blank lines, {@code <br/>} at single line breaks. */
    public String plainTextEnml(String text, String footerLabel, String link) {
        String normalized = text == null ? "" : text.replace("\r\n", "\n").replace('\r', '\n').strip();
        return document(link, footerLabel, writer -> {
            for (String paragraph : PARAGRAPH_BREAK.split(normalized)) {
                if (paragraph.isBlank() || !writer.start("p")) {
                    continue;
                }
                String[] lines = paragraph.split("\n");
                for (int i = 0; i < lines.length && !writer.exhausted(); i++) {
                    if (i > 0) {
                        writer.empty("br");
                    }
                    writer.text(lines[i]);
                }
                writer.end();
            }
        }, false);
    }

    /** Readable text of some HTML: entities decoded, scripts and styles dropped, line breaks between blocks. */
    public static String textOf(String html) {
        if (html == null || html.isEmpty()) {
            return "";
        }
        String input = html.length() > INPUT_MAX_CHARS ? html.substring(0, cutIndex(html, INPUT_MAX_CHARS)) : html;
        return PlainText.of(Jsoup.parse(input).body());
    }

    private String document(String link, String footerLabel, Consumer<XmlBudgetWriter> body, boolean alreadyCut) {
        String footer = footer(footerLabel, link);
        String marker = truncationMarker(link);
        String open = "<en-note>";
        String close = "</en-note>";
        // The marker is always reserved: whether it is needed is only known at the end.
        long fixed = XmlText.utf8Length(PROLOG + open + close + footer + marker);
        XmlBudgetWriter writer = new XmlBudgetWriter(Math.max(0, contentMax - fixed));
        body.accept(writer);
        writer.endAll();
        StringBuilder doc = new StringBuilder(PROLOG).append(open).append(writer.result());
        if (writer.exhausted() || alreadyCut) {
            doc.append(marker);
        }
        return doc.append(footer).append(close).toString();
    }

    private static String footer(String footerLabel, String link) {
        if (link == null || link.isBlank()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("<hr/><div>");
        // Descriptions are often the feed URL (django-th's and triggers add's default): shown masked.
        String label = footerLabel == null ? "" : NoteText.clean(Masked.text(footerLabel));
        if (!label.isEmpty()) {
            sb.append("Provided by <em>").append(XmlText.escapeText(NoteText.cut(label, LABEL_MAX_CODE_POINTS)))
                    .append("</em> from ");
        } else {
            sb.append("From ");
        }
        return sb.append(linkMarkup(link)).append("</div>").toString();
    }

    private static String truncationMarker(String link) {
        String where = link == null || link.isBlank() ? "the original source" : linkMarkup(link);
        return "<div>[Truncated: the full article is at " + where + "]</div>";
    }

    /** {@code <a href="link">link</a>}, or the link as plain text when it cannot be a valid href. */
    private static String linkMarkup(String link) {
        String href = UrlPolicy.link(link, null);
        String shown = XmlText.escapeText(NoteText.cut(NoteText.clean(link), LINK_TEXT_MAX_CODE_POINTS));
        if (href == null || href.length() > LINK_MAX_CHARS) {
            return shown;
        }
        return "<a href=\"" + XmlText.escapeAttribute(href) + "\">" + shown + "</a>";
    }

    private static int cutIndex(String s, int max) {
        return Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
    }
}

package org.triggerhappy.camel.notes;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/** The text of an Evernote export (ENEX, evernote-export3.dtd): file head, one {@code <note>}, the closing tag. */
final class EnexFormat {

    static final String CLOSE = "</en-export>\n";
    static final String DEFAULT_FILE = "Default";

    private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII));
    private static final DateTimeFormatter ENEX_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Set<String> WINDOWS_RESERVED = Set.of("con", "prn", "aux", "nul", "com1", "com2", "com3",
            "com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7",
            "lpt8", "lpt9");

    private EnexFormat() {
    }

    static String head(Instant exportDate) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!DOCTYPE en-export SYSTEM \"http://xml.evernote.com/pub/evernote-export3.dtd\">\n"
                + "<en-export export-date=\"" + ENEX_TIME.format(exportDate)
                + "\" application=\"TriggerHappy Camel\" version=\"1\">\n";
    }

    /** Children in the order the export DTD requires: title, content, created, tag*, note-attributes, resource*. */
    static String note(NoteDraft d) {
        StringBuilder sb = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 8, d.sizeBytes() * 4 / 3 + 1024));
        sb.append("<note><title>").append(XmlText.escapeText(d.title())).append("</title>\n");
        sb.append("<content><![CDATA[").append(cdataSafe(d.enml())).append("]]></content>\n");
        if (d.created() != null) {
            sb.append("<created>").append(ENEX_TIME.format(d.created())).append("</created>\n");
        }
        for (String tag : d.tags()) {
            sb.append("<tag>").append(XmlText.escapeText(tag)).append("</tag>\n");
        }
        if (d.sourceUrl() != null) {
            sb.append("<note-attributes><source-url>").append(XmlText.escapeText(d.sourceUrl()))
                    .append("</source-url></note-attributes>\n");
        }
        for (NoteResource r : d.resources()) {
            resource(sb, r);
        }
        return sb.append("</note>\n").toString();
    }

    /** (data, mime, width?, height?, …, resource-attributes?) with the attributes (source-url?, …, file-name?). */
    private static void resource(StringBuilder sb, NoteResource r) {
        sb.append("<resource><data encoding=\"base64\">\n").append(BASE64.encodeToString(r.data()))
                .append("\n</data>\n<mime>").append(XmlText.escapeText(r.mime())).append("</mime>");
        if (r.width() != null && r.height() != null) {
            sb.append("<width>").append(r.width()).append("</width><height>").append(r.height()).append("</height>");
        }
        if (r.sourceUrl() != null || r.fileName() != null) {
            sb.append("\n<resource-attributes>");
            if (r.sourceUrl() != null) {
                sb.append("<source-url>").append(XmlText.escapeText(r.sourceUrl())).append("</source-url>");
            }
            if (r.fileName() != null) {
                sb.append("<file-name>").append(XmlText.escapeText(r.fileName())).append("</file-name>");
            }
            sb.append("</resource-attributes>");
        }
        sb.append("</resource>\n");
    }

    /** A CDATA section cannot contain "]]>": end the section between "]]" and ">" and start a new one. */
    static String cdataSafe(String s) {
        return XmlText.stripNonXml(s).replace("]]>", "]]]]><![CDATA[>");
    }

    /** File name for a notebook: letters, digits, space, '.', '-', '_' kept, the rest '_'; null → Default. */
    static String fileName(String notebook) {
        String name = notebook == null ? "" : notebook;
        StringBuilder sb = new StringBuilder();
        name.codePoints().limit(100).forEach(cp -> {
            boolean safe = Character.isLetterOrDigit(cp) || cp == ' ' || cp == '-' || cp == '_' || cp == '.';
            sb.appendCodePoint(safe ? cp : '_');
        });
        String safe = sb.toString().strip().replaceAll("^[.]+|[. ]+$", ""); // no hidden files, no Windows trailing dot
        if (safe.isEmpty()) {
            safe = DEFAULT_FILE;
        } else if (WINDOWS_RESERVED.contains(safe.toLowerCase(Locale.ROOT))) {
            safe = "_" + safe;
        }
        return safe + ".enex";
    }
}

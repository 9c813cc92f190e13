package org.triggerhappy.camel.notes;

import com.evernote.edam.limits.Constants;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;

/** Note titles Evernote accepts (EDAM_NOTE_TITLE_LEN_MAX, EDAM_NOTE_TITLE_REGEX), from raw feed titles. */
public final class NoteTitles {

    public static final int MAX_CODE_POINTS = Constants.EDAM_NOTE_TITLE_LEN_MAX;
    public static final Pattern EDAM_NOTE_TITLE_REGEX = Pattern.compile(Constants.EDAM_NOTE_TITLE_REGEX);
    public static final String UNTITLED = "Untitled";

    private NoteTitles() {
    }

    /**
     * @param rawTitle title as in the feed (may hold markup and entities); may be null
     * @param link     entry link, the title when the feed gives none; may be null
     * @return a valid title: entities decoded, tags stripped, whitespace collapsed, ≤ 255 code points
     */
    public static String of(String rawTitle, String link) {
        String title = fromHtml(rawTitle);
        if (title.isEmpty()) {
            title = valid(NoteText.cut(NoteText.clean(link), MAX_CODE_POINTS));
        }
        return title.isEmpty() ? UNTITLED : title;
    }

    /** The feed title as plain text (entities decoded, tags stripped, whitespace collapsed); '' when it has none. */
    public static String text(String rawTitle) {
        return fromHtml(rawTitle);
    }

    private static String fromHtml(String raw) {
        if (raw == null || raw.isBlank()) {
            return "";
        }
        String bounded = raw.length() > 100_000 ? raw.substring(0, 100_000) : raw; // a title, not an article
        // Jsoup decodes entities (HTML5 names too) and drops tags; text() leaves out script/style content.
        String text = bounded.indexOf('<') >= 0 || bounded.indexOf('&') >= 0 ? Jsoup.parse(bounded).text() : bounded;
        return valid(NoteText.cut(NoteText.clean(text), MAX_CODE_POINTS));
    }

    private static String valid(String candidate) {
        return EDAM_NOTE_TITLE_REGEX.matcher(candidate).matches() ? candidate : "";
    }
}

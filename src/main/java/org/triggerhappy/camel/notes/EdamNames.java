package org.triggerhappy.camel.notes;

import com.evernote.edam.limits.Constants;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Tag names, notebook names and source URLs cleaned to what EDAM accepts (lengths and regexes of the 1.25 SDK). */
public final class EdamNames {

    public static final int TAG_MAX_CODE_POINTS = Constants.EDAM_TAG_NAME_LEN_MAX;
    public static final int TAGS_PER_NOTE_MAX = Constants.EDAM_NOTE_TAGS_MAX;
    public static final int NOTEBOOK_MAX_CODE_POINTS = Constants.EDAM_NOTEBOOK_NAME_LEN_MAX;
    public static final int ATTRIBUTE_MAX_CHARS = Constants.EDAM_ATTRIBUTE_LEN_MAX;

    public static final Pattern EDAM_TAG_NAME_REGEX = Pattern.compile(Constants.EDAM_TAG_NAME_REGEX);
    public static final Pattern EDAM_NOTEBOOK_NAME_REGEX = Pattern.compile(Constants.EDAM_NOTEBOOK_NAME_REGEX);
    public static final Pattern EDAM_ATTRIBUTE_REGEX = Pattern.compile(Constants.EDAM_ATTRIBUTE_REGEX);

    private EdamNames() {
    }

    /**
     * Tags from django-th's comma-separated field: trimmed, whitespace collapsed, ≤ 100 code points each, empty
     * ones dropped, the first spelling kept among case-insensitive duplicates, at most 100.
     */
    public static List<String> tags(String commaSeparated) {
        List<String> tags = new ArrayList<>();
        if (commaSeparated == null) {
            return tags;
        }
        Set<String> seen = new HashSet<>();
        for (String part : commaSeparated.split(",")) {
            String tag = NoteText.cut(NoteText.clean(part), TAG_MAX_CODE_POINTS);
            if (EDAM_TAG_NAME_REGEX.matcher(tag).matches() && seen.add(tag.toLowerCase(Locale.ROOT))) {
                tags.add(tag);
                if (tags.size() == TAGS_PER_NOTE_MAX) {
                    break;
                }
            }
        }
        return tags;
    }

    /** The notebook name, or empty for the account's default notebook (django-th stores '' for that). */
    public static Optional<String> notebook(String raw) {
        String name = NoteText.cut(NoteText.clean(raw), NOTEBOOK_MAX_CODE_POINTS);
        return EDAM_NOTEBOOK_NAME_REGEX.matcher(name).matches() ? Optional.of(name) : Optional.empty();
    }

    /** The link as NoteAttributes.sourceURL, or null when absent or not acceptable (too long, control chars). */
    public static String sourceUrl(String link) {
        if (link == null) {
            return null;
        }
        String url = link.strip();
        if (url.isEmpty() || url.length() > ATTRIBUTE_MAX_CHARS || !EDAM_ATTRIBUTE_REGEX.matcher(url).matches()) {
            return null;
        }
        // Lone surrogates and U+FFFE/U+FFFF pass the regex but have no UTF-8/XML form.
        return XmlText.stripNonXml(url).equals(url) ? url : null;
    }
}

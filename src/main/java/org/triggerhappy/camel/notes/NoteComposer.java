package org.triggerhappy.camel.notes;

import java.util.List;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.triggerhappy.camel.config.Masked;

/**
 * Builds the note for one entry: EDAM-valid title, names and sourceURL, and ENML that passed offline validation.
 * When the converted HTML does not validate, the note falls back to plain text instead of being lost.
 */
public final class NoteComposer {

    private static final Logger LOG = LoggerFactory.getLogger(NoteComposer.class);

    private final EnmlConverter converter;
    private final Function<String, List<String>> validator;

    public NoteComposer() {
        this(new EnmlConverter(), EnmlValidator.shared());
    }

    public NoteComposer(EnmlConverter converter, EnmlValidator validator) {
        this(converter, validator::problems);
    }

    /** @param validator ENML → problems (empty = valid); tests pass a stricter one to force the fallback */
    NoteComposer(EnmlConverter converter, Function<String, List<String>> validator) {
        this.converter = converter;
        this.validator = validator;
    }

    public NoteDraft compose(NoteSource src) {
        String enml = converter.toEnml(src.html(), src.link(), src.footerLabel(), src.link());
        List<String> problems = validator.apply(enml);
        if (!problems.isEmpty()) {
            LOG.warn("Converted HTML is not valid ENML, using plain text: source_url={} error={}",
                    Masked.url(src.link()), problems.get(0));
            enml = plainText(src);
        }
        return new NoteDraft(NoteTitles.of(src.title(), src.link()), enml, EdamNames.sourceUrl(src.link()),
                src.published(), EdamNames.notebook(src.notebook()).orElse(null), EdamNames.tags(src.tags()));
    }

    /** The same note with a plain-text body, for when Evernote rejected the ENML (ENML_VALIDATION). */
    public NoteDraft plainTextFallback(NoteDraft original, NoteSource src) {
        return new NoteDraft(original.title(), plainText(src), original.sourceUrl(), original.created(),
                original.notebook(), original.tags());
    }

    private String plainText(NoteSource src) {
        String enml = converter.plainTextEnml(EnmlConverter.textOf(src.html()), src.footerLabel(), src.link());
        List<String> problems = validator.apply(enml);
        if (problems.isEmpty()) {
            return enml;
        }
        // Cannot happen short of a bug in the converter; an empty note still keeps the entry.
        LOG.error("Plain-text ENML is not valid either, writing an empty note: source_url={} error={}",
                Masked.url(src.link()), problems.get(0));
        return converter.plainTextEnml("", null, null);
    }
}

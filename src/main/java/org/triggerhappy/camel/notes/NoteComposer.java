package org.triggerhappy.camel.notes;

import java.util.List;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.triggerhappy.camel.config.Masked;

/**
 * Builds the note for one entry: EDAM-valid title, names and sourceURL, and ENML that passed offline validation.
 * When the converted HTML does not validate, the note falls back to plain text instead of being lost. With image
 * embedding on, the entry's images are downloaded and stored in the note (see {@link #compose(NoteSource,
 * ImageOptions)}). Thread-safe; share one.
 */
public final class NoteComposer {

    private static final Logger LOG = LoggerFactory.getLogger(NoteComposer.class);

    private final EnmlConverter converter;
    private final Function<String, List<String>> validator;
    private final ImageEmbedder images;

    public NoteComposer() {
        this(ImageSource.NONE);
    }

    /** @param images downloads images for {@link ImageOptions#embed()}; {@link ImageSource#NONE} keeps them remote */
    public NoteComposer(ImageSource images) {
        this(new EnmlConverter(), EnmlValidator.shared()::problems, new ImageEmbedder(images));
    }

    public NoteComposer(EnmlConverter converter, EnmlValidator validator) {
        this(converter, validator::problems, new ImageEmbedder(ImageSource.NONE));
    }

    /** @param validator ENML → problems (empty = valid); tests pass a stricter one to force the fallback */
    NoteComposer(EnmlConverter converter, Function<String, List<String>> validator) {
        this(converter, validator, new ImageEmbedder(ImageSource.NONE));
    }

    NoteComposer(EnmlConverter converter, Function<String, List<String>> validator, ImageEmbedder images) {
        this.converter = converter;
        this.validator = validator;
        this.images = images;
    }

    /** The note with remote images (no downloads). */
    public NoteDraft compose(NoteSource src) {
        return compose(src, ImageOptions.LINK);
    }

    /**
     * The note; with {@code options.embed()} every http(s) image the ENML shows is downloaded and, when it is a GIF,
     * JPEG or PNG that fits the note, stored as a resource shown by an en-media. Images that fail stay remote.
     * The entry's HTML is parsed once and the ENML validated once (again only when it has to fall back).
     */
    public NoteDraft compose(NoteSource src, ImageOptions options) {
        ImageCandidates found = new ImageCandidates(ImageEmbedder.MAX_PER_NOTE);
        record Written(EnmlConverter.Parsed parsed, String remote) {
        }
        Written first = CpuSlots.shared().run(() -> {
            EnmlConverter.Parsed parsed = converter.parse(src.html(), src.link());
            return new Written(parsed, write(src, parsed, options.embed() ? found : InlineImages.REMOTE));
        });
        String remote = first.remote();
        if (options.embed()) {
            // the downloads wait on the network: no CPU slot held meanwhile
            List<String> urls = found.urls();
            java.util.Map<String, FetchedImage> fetched = XmlText.utf8Length(remote) >= options.maxTotalBytes()
                    ? java.util.Map.of() : images.download(urls);
            return CpuSlots.shared().run(() -> {
                ImageEmbedder.Embedded embedded = images.embed(remote, urls, fetched, options.maxTotalBytes(),
                        media -> write(src, first.parsed(), media), converter.contentMax(), src.link());
                if (!embedded.resources().isEmpty()) {
                    List<String> problems = validator.apply(embedded.enml());
                    if (problems.isEmpty()) {
                        return draft(src, embedded);
                    }
                    LOG.warn("images not embedded: ENML with en-media is not valid source_url={} error={}",
                            Masked.url(src.link()), problems.get(0));
                } else if (embedded.overBudget()) {
                    return validated(src, remote, true);
                }
                return validated(src, remote, false);
            });
        }
        return CpuSlots.shared().run(() -> validated(src, remote, false));
    }

    /** The note with remote images when its ENML is valid, else with the entry's plain text. */
    private NoteDraft validated(NoteSource src, String remote, boolean overBudget) {
        List<String> problems = validator.apply(remote);
        if (!problems.isEmpty()) {
            LOG.warn("Converted HTML is not valid ENML, using plain text: source_url={} error={}",
                    Masked.url(src.link()), problems.get(0));
            return draft(src, new ImageEmbedder.Embedded(plainText(src), List.of(), false));
        }
        return draft(src, new ImageEmbedder.Embedded(remote, List.of(), overBudget));
    }

    /** The same note with a plain-text body and no resources, for when Evernote rejected the ENML (ENML_VALIDATION). */
    public NoteDraft plainTextFallback(NoteDraft original, NoteSource src) {
        return new NoteDraft(original.title(), plainText(src), original.sourceUrl(), original.created(),
                original.notebook(), original.tags());
    }

    private String write(NoteSource src, EnmlConverter.Parsed parsed, InlineImages media) {
        return converter.write(parsed, src.footerLabel(), src.link(), media);
    }

    private static NoteDraft draft(NoteSource src, ImageEmbedder.Embedded body) {
        return new NoteDraft(NoteTitles.of(src.title(), src.link()), body.enml(), EdamNames.sourceUrl(src.link()),
                src.published(), EdamNames.notebook(src.notebook()).orElse(null), EdamNames.tags(src.tags()),
                body.resources(), body.overBudget());
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

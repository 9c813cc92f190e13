package org.triggerhappy.camel.notes;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.statistics.Statistics;
import org.triggerhappy.camel.testsupport.TestImages;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random HTML (the converter's property-test soup) with random images in it: valid PNG/GIF/JPEG bytes, garbage,
 * markup posing as images, tracking pixels, missing images, the same URL and the same bytes repeated. Whatever the
 * mix, the note is DTD-valid ENML whose en-media hashes are exactly its resources' MD5s.
 */
class ImageEmbeddingPropertiesTest {

    private static final String LINK = "https://example.org/a/entry.html";
    private static final Pattern EN_MEDIA_HASH = Pattern.compile("<en-media [^>]*hash=\"([0-9a-f]{32})\"");

    /** What an image URL answers with. */
    enum Kind {
        PNG(TestImages.png(12, 9, 1)), PNG_OTHER(TestImages.png(12, 9, 2)), GIF(TestImages.gif(7, 30, 3)),
        JPEG(TestImages.jpeg(33, 21, 4)), PIXEL(TestImages.gif(1, 1, 5)),
        GARBAGE(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}), HTML("<html>404</html>".getBytes(StandardCharsets.UTF_8)),
        EMPTY(new byte[0]), MISSING(null);

        final byte[] bytes;

        Kind(byte[] bytes) {
            this.bytes = bytes;
        }
    }

    /** One {@code <img>}: which URL (relative or absolute), what it serves, extra attributes, HTML before it. */
    record Img(int url, Kind kind, String attributes, long soupSeed) {
        String src() {
            return url % 2 == 0 ? "/img/" + url + ".png" : "https://img.example.net/p/" + url;
        }

        String absolute() {
            return url % 2 == 0 ? "https://example.org/img/" + url + ".png" : src();
        }
    }

    private final EnmlValidator validator = EnmlValidator.shared();
    /** What the image URLs of the current try serve; one composer (and download pool) for all tries. */
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private final NoteComposer composer = new NoteComposer(
            url -> Optional.ofNullable(served.get(url)).map(b -> new FetchedImage(b, url, null)));

    @Provide
    Arbitrary<List<Img>> images() {
        Arbitrary<Img> one = Combinators.combine(
                Arbitraries.integers().between(0, 11),
                Arbitraries.of(Kind.class),
                Arbitraries.of("", " alt=\"a<&>\\\"b\"", " width=\"1\" height=\"1\"", " width=\"300\" height=\"50%\"",
                        " class=\"x\" id=\"y\" onerror=\"z()\"", " srcset=\"a.png 2x\" loading=\"lazy\"",
                        " style=\"border:1px solid red\" title=\"t\""),
                Arbitraries.longs()).as(Img::new);
        return one.list().ofMaxSize(14);
    }

    @Property(tries = 300)
    void en_media_hashes_are_exactly_the_resources(@ForAll("images") List<Img> images, @ForAll long seed) {
        NoteDraft draft = compose(images, seed, Long.MAX_VALUE);

        assertThat(validator.problems(draft.enml())).as(draft.enml()).isEmpty();
        Set<String> shown = hashes(draft.enml());
        List<String> stored = draft.resources().stream().map(NoteResource::md5Hex).toList();
        assertThat(stored).doesNotHaveDuplicates();
        assertThat(shown).containsExactlyInAnyOrderElementsOf(stored);
        for (NoteResource r : draft.resources()) {
            assertThat(r.md5Hex()).isEqualTo(NoteResource.md5Hex(r.data()));
            Optional<ImageType.Info> info = ImageType.detect(r.data());
            assertThat(info).isPresent();
            assertThat(r.mime()).isEqualTo(info.get().type().mime());
            assertThat(r.data()).isNotEqualTo(Kind.PIXEL.bytes);
        }
        assertThat(draft.imagesOverBudget()).isFalse();
        Statistics.label("resources").collect(draft.resources().isEmpty() ? "none" : "some");
        Statistics.label("resources").coverage(c -> c.check("some").percentage(p -> p > 30));
    }

    @Property(tries = 150)
    void a_budget_is_kept_or_all_images_stay_remote(@ForAll("images") List<Img> images, @ForAll long seed,
                                                    @ForAll @LongRange(min = 0, max = 40_000) long budget) {
        NoteDraft draft = compose(images, seed, budget);

        assertThat(validator.problems(draft.enml())).isEmpty();
        if (draft.imagesOverBudget()) {
            assertThat(draft.resources()).isEmpty();
            assertThat(draft.enml()).doesNotContain("<en-media");
        } else if (!draft.resources().isEmpty()) {
            assertThat(draft.sizeBytes()).isLessThanOrEqualTo(budget);
        }
        assertThat(hashes(draft.enml()))
                .containsExactlyInAnyOrderElementsOf(draft.resources().stream().map(NoteResource::md5Hex).toList());
        String outcome = draft.imagesOverBudget() ? "over budget" : draft.resources().isEmpty() ? "none" : "embedded";
        Statistics.label("outcome").collect(outcome);
        Statistics.label("outcome").coverage(c -> {
            c.check("over budget").percentage(p -> p > 5);
            c.check("embedded").percentage(p -> p > 5);
        });
    }

    @Property(tries = 200)
    void swapping_media_into_the_written_note_is_writing_it_again(@ForAll("images") List<Img> images,
                                                                  @ForAll long seed) {
        EnmlConverter converter = new EnmlConverter();
        EnmlConverter.Parsed parsed = converter.parse(html(images, seed), LINK);
        ImageCandidates found = new ImageCandidates(ImageEmbedder.MAX_PER_NOTE);
        String remote = converter.write(parsed, "label", LINK, found);
        Map<String, NoteResource> byUrl = new java.util.HashMap<>();
        List<String> urls = found.urls();
        for (int i = 0; i < urls.size(); i += 2) { // every other image gets a resource
            byte[] png = TestImages.png(3 + i, 2, i);
            byUrl.put(urls.get(i), NoteResource.image(png, ImageType.detect(png).orElseThrow(), urls.get(i)));
        }

        assertThat(ImageEmbedder.swapInMedia(remote, byUrl))
                .isEqualTo(converter.write(parsed, "label", LINK, (src, attributes) -> byUrl.get(src)));
    }

    private NoteDraft compose(List<Img> images, long seed, long budget) {
        return composer.compose(new NoteSource("t", LINK, html(images, seed), null, null, null, "label"),
                ImageOptions.embed(budget));
    }

    private String html(List<Img> images, long seed) {
        served.clear();
        // Soup before an image can swallow it (an open comment, a script): only some images get soup around them.
        StringBuilder html = new StringBuilder(seed % 3 == 0 ? new RandomHtml(seed).html() : "<p>");
        for (Img img : images) {
            if (img.kind().bytes != null) {
                served.putIfAbsent(img.absolute(), img.kind().bytes);
            }
            html.append("<img src=\"").append(img.src()).append('"').append(img.attributes()).append('>');
            if (img.soupSeed() % 4 == 0) {
                html.append(new RandomHtml(img.soupSeed()).html());
            }
        }
        return html.toString();
    }

    private static Set<String> hashes(String enml) {
        Matcher m = EN_MEDIA_HASH.matcher(enml);
        return m.results().map(r -> r.group(1)).collect(Collectors.toSet());
    }
}

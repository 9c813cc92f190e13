package org.triggerhappy.camel.notes;

import org.junit.jupiter.api.Test;
import org.triggerhappy.camel.testsupport.TestImages;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Limits of one note's images: count, note size, downloads in parallel, failures that throw. */
class ImageEmbedderTest {

    private static final String LINK = "https://example.org/post";

    private static NoteSource source(int images) {
        StringBuilder html = new StringBuilder("<p>text</p>");
        for (int i = 0; i < images; i++) {
            html.append("<img src=\"/i/").append(i).append(".png\">");
        }
        return new NoteSource("t", LINK, html.toString(), null, null, null, null);
    }

    private static ImageSource serving(Map<String, byte[]> images) {
        return url -> Optional.ofNullable(images.get(url)).map(b -> new FetchedImage(b, url, "image/png"));
    }

    private static Map<String, byte[]> distinctPngs(int n) {
        Map<String, byte[]> images = new HashMap<>();
        for (int i = 0; i < n; i++) {
            images.put("https://example.org/i/" + i + ".png", TestImages.png(2 + i % 7, 2 + i / 7, i));
        }
        return images;
    }

    private static NoteComposer composer(ImageDownloads downloads, long noteSizeMax) {
        return new NoteComposer(new EnmlConverter(), EnmlValidator.shared()::problems,
                new ImageEmbedder(downloads, noteSizeMax, noteSizeMax));
    }

    @Test
    void size_limits_are_those_of_the_sdk() {
        assertThat(ImageEmbedder.NOTE_SIZE_MAX).isEqualTo(com.evernote.edam.limits.Constants.EDAM_NOTE_SIZE_MAX_FREE);
        assertThat(ImageEmbedder.RESOURCE_SIZE_MAX)
                .isEqualTo(com.evernote.edam.limits.Constants.EDAM_RESOURCE_SIZE_MAX_FREE);
    }

    @Test
    void at_most_a_hundred_images_per_note() {
        NoteDraft draft = new NoteComposer(serving(distinctPngs(120)))
                .compose(source(120), ImageOptions.embed(Long.MAX_VALUE));

        assertThat(draft.resources()).hasSize(ImageEmbedder.MAX_PER_NOTE);
        assertThat(draft.enml()).contains("<img src=\"https://example.org/i/119.png\"/>")
                .doesNotContain("<img src=\"https://example.org/i/0.png\"/>");
        assertThat(EnmlValidator.shared().problems(draft.enml())).isEmpty();
    }

    @Test
    void images_that_would_push_the_note_over_the_size_limit_stay_remote() {
        Map<String, byte[]> images = distinctPngs(3);
        images.put("https://example.org/i/1.png", TestImages.largePng(20_000, 9));
        String remote = new NoteComposer().compose(source(3)).enml();
        long limit = XmlText.utf8Length(remote) + 3_000;
        ImageDownloads downloads = new ImageDownloads(serving(images), 2, Duration.ofSeconds(10));

        NoteDraft draft = composer(downloads, limit).compose(source(3), ImageOptions.embed(Long.MAX_VALUE));

        assertThat(draft.resources()).extracting(NoteResource::sourceUrl)
                .containsExactly("https://example.org/i/0.png", "https://example.org/i/2.png");
        assertThat(draft.enml()).contains("<img src=\"https://example.org/i/1.png\"/>");
        assertThat(draft.sizeBytes()).isLessThanOrEqualTo(limit);
    }

    @Test
    void downloads_of_a_note_run_a_few_at_a_time() {
        Map<String, byte[]> images = distinctPngs(12);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ImageSource slow = url -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(40);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return serving(images).get(url);
        };

        NoteDraft draft = composer(new ImageDownloads(slow, 4, Duration.ofSeconds(10)), Long.MAX_VALUE)
                .compose(source(12), ImageOptions.embed(Long.MAX_VALUE));

        assertThat(draft.resources()).hasSize(12);
        assertThat(most.get()).isBetween(2, 4);
    }

    @Test
    void a_source_that_throws_or_stalls_costs_only_its_images() {
        Map<String, byte[]> images = distinctPngs(4);
        ImageSource flaky = url -> {
            if (url.endsWith("/1.png")) {
                throw new IllegalStateException("boom");
            }
            if (url.endsWith("/2.png")) {
                try {
                    Thread.sleep(3_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return serving(images).get(url);
        };
        long start = System.nanoTime();

        NoteDraft draft = composer(new ImageDownloads(flaky, 4, Duration.ofMillis(500)), Long.MAX_VALUE)
                .compose(source(4), ImageOptions.embed(Long.MAX_VALUE));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_500));
        assertThat(draft.resources()).extracting(NoteResource::sourceUrl)
                .containsExactly("https://example.org/i/0.png", "https://example.org/i/3.png");
        assertThat(draft.enml()).contains("<img src=\"https://example.org/i/1.png\"/>",
                "<img src=\"https://example.org/i/2.png\"/>");
    }

    @Test
    void invalid_html_falls_back_to_plain_text_without_resources() {
        // refused with its images stored and with them remote: only the plain text is left
        NoteComposer strict = new NoteComposer(new EnmlConverter(),
                enml -> enml.contains("<img") || enml.contains("<en-media") ? List.of("rejected") : List.of(),
                new ImageEmbedder(new ImageDownloads(serving(distinctPngs(1)), 1, Duration.ofSeconds(5)),
                        Long.MAX_VALUE, Long.MAX_VALUE));

        NoteDraft draft = strict.compose(source(1), ImageOptions.embed(Long.MAX_VALUE));

        assertThat(draft.resources()).isEmpty();
        assertThat(draft.enml()).doesNotContain("<img", "<en-media").contains("text");
    }

    @Test
    void note_whose_en_media_is_refused_keeps_remote_images() {
        NoteComposer strict = new NoteComposer(new EnmlConverter(),
                enml -> enml.contains("<en-media") ? List.of("rejected") : List.of(),
                new ImageEmbedder(new ImageDownloads(serving(distinctPngs(1)), 1, Duration.ofSeconds(5)),
                        Long.MAX_VALUE, Long.MAX_VALUE));

        NoteDraft draft = strict.compose(source(1), ImageOptions.embed(Long.MAX_VALUE));

        assertThat(draft.resources()).isEmpty();
        assertThat(draft.enml()).contains("<p>text</p>", "<img src=\"https://example.org/i/0.png\"/>")
                .doesNotContain("<en-media");
    }
}

package org.triggerhappy.camel.notes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;

/** Every entry of every feed in ROME's own test corpus becomes a DTD-valid note, without the plain-text fallback. */
class RomeCorpusEnmlTest {

    private static final Path CORPUS = Paths.get("src/test/resources/feeds/rome");

    @Test
    void every_entry_of_the_rome_corpus_converts_to_valid_enml() throws IOException {
        EnmlConverter converter = new EnmlConverter();
        EnmlValidator validator = EnmlValidator.shared();
        NoteComposer composer = new NoteComposer(converter, validator);
        List<String> failures = new ArrayList<>();
        int files = 0;
        int entries = 0;
        for (Path file : feedFiles()) {
            SyndFeed feed = parse(file);
            if (feed == null) {
                continue;
            }
            files++;
            for (SyndEntry entry : feed.getEntries()) {
                entries++;
                String html = html(entry);
                String link = entry.getLink();
                String enml = converter.toEnml(html, link, "ROME corpus", link);
                List<String> problems = validator.problems(enml);
                if (!problems.isEmpty()) {
                    failures.add(file + " / " + entry.getTitle() + ": " + problems);
                }
                NoteDraft draft = composer.compose(new NoteSource(entry.getTitle(), link, html,
                        entry.getPublishedDate() == null ? null : entry.getPublishedDate().toInstant(),
                        "ROME", "feeds, rome", "ROME corpus"));
                assertThat(validator.problems(draft.enml())).isEmpty();
                assertThat(draft.title()).matches(NoteTitles.EDAM_NOTE_TITLE_REGEX);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(files).as("feed files ROME parsed").isGreaterThanOrEqualTo(150);
        assertThat(entries).as("entries converted").isGreaterThanOrEqualTo(700);
    }

    private static List<Path> feedFiles() throws IOException {
        try (Stream<Path> paths = Files.walk(CORPUS)) {
            return paths.filter(p -> p.toString().endsWith(".xml") || p.toString().endsWith(".rss")).sorted().toList();
        }
    }

    /** Null for the files ROME rejects (an HTML page, a DOCTYPE feed: see the corpus README). */
    private static SyndFeed parse(Path file) {
        try (XmlReader reader = new XmlReader(file.toFile())) {
            SyndFeedInput input = new SyndFeedInput();
            input.setAllowDoctypes(false);
            return input.build(reader);
        } catch (Exception e) {
            return null;
        }
    }

    private static String html(SyndEntry entry) {
        for (SyndContent content : entry.getContents()) {
            if (content.getValue() != null && !content.getValue().isBlank()) {
                return content.getValue();
            }
        }
        return entry.getDescription() == null ? null : entry.getDescription().getValue();
    }
}

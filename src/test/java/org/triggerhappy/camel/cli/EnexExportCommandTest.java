package org.triggerhappy.camel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triggerhappy.camel.cli.CliHarness.Result;
import org.triggerhappy.camel.notes.EnexWriter;
import org.triggerhappy.camel.notes.EnmlValidator;
import org.triggerhappy.camel.testsupport.Rss;
import org.triggerhappy.camel.testsupport.ServiceFixture;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Entries waiting for a user without an Evernote token are exported to ENEX and stay queued. */
class EnexExportCommandTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path dataDir;
    ServiceFixture f;
    CliHarness cli;
    int news;
    int misc;

    @BeforeEach
    void setUp() throws Exception {
        f = new ServiceFixture(dataDir, false);
        cli = new CliHarness(f.db, dataDir).set("th.evernote.url", f.evernote.baseUrl())
                .set("th.enex.dir", dataDir.resolve("enex").toString());
        assertThat(cli.run("users", "add", "--username", "alice").exit()).isZero();
        news = add(f.feeds.put("/news", Rss.feed()
                .item("n1", "First news & more", "http://example.org/n/1", NOW.minusSeconds(60),
                        "<p>one <script>x()</script></p>")
                .item("n2", "Second news", "http://example.org/n/2", NOW.minusSeconds(120), "<p>two</p>").xml()),
                "--notebook", "News", "--tags", "daily, world");
        misc = add(f.feeds.put("/misc", Rss.feed()
                .item("m1", "Misc item", "http://example.org/m/1", NOW.minusSeconds(60), "<p>misc</p>").xml()));
        f.execute("UPDATE django_th_triggerservice SET date_created = current_date - 1");
        // No token: the service polls, queues the entries and holds them until alice connects Evernote.
        f.runOnce();
        assertThat(pending()).isEqualTo(3);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private int add(String url, String... more) {
        List<String> args = new ArrayList<>(List.of("triggers", "add", "--user", "alice", "--url", url));
        args.addAll(List.of(more));
        Result r = cli.run(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.toString()).isZero();
        return CliHarness.addedTriggerId(r);
    }

    private int pending() throws Exception {
        return f.queryInt("SELECT count(*) FROM thc_outbox WHERE state = 'pending'");
    }

    @Test
    void every_waiting_entry_goes_to_a_valid_enex_file_of_its_notebook_and_stays_queued() throws Exception {
        Path out = dataDir.resolve("export");

        Result r = cli.run("enex", "export", "--out", out.toString());

        assertThat(r.exit()).as(r.toString()).isZero();
        Path newsFile = out.resolve("News.enex");
        Path defaultFile = out.resolve("Default.enex");
        assertThat(r.out()).contains("2 notes in " + newsFile).contains("1 note in " + defaultFile)
                .contains("exported 3 waiting entries to " + out);
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).containsExactlyInAnyOrder(newsFile, defaultFile);
        }
        assertThat(EnexWriter.titlesIn(newsFile)).containsExactly("First news & more", "Second news");
        assertThat(EnexWriter.titlesIn(defaultFile)).containsExactly("Misc item");

        Document doc = parse(newsFile);
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("en-export");
        NodeList notes = doc.getElementsByTagName("note");
        for (int i = 0; i < notes.getLength(); i++) {
            Element note = (Element) notes.item(i);
            String enml = note.getElementsByTagName("content").item(0).getTextContent();
            assertThat(EnmlValidator.shared().problems(enml)).isEmpty();
            assertThat(enml).doesNotContain("script");
            assertThat(note.getElementsByTagName("tag").item(0).getTextContent()).isEqualTo("daily");
            assertThat(note.getElementsByTagName("source-url").item(0).getTextContent()).startsWith("http://example.org/n/");
        }
        assertThat(pending()).as("not marked delivered").isEqualTo(3);
        assertThat(f.queryInt("SELECT count(*) FROM thc_outbox WHERE delivered_at IS NOT NULL")).isZero();
    }

    @Test
    void one_trigger_only_and_delivered_entries_are_left_out() throws Exception {
        f.execute("UPDATE thc_outbox SET state = 'delivered' WHERE title = 'Second news'");
        Path out = dataDir.resolve("one");

        Result r = cli.run("enex", "export", "--trigger", Integer.toString(news), "--out", out.toString());

        assertThat(r.exit()).as(r.toString()).isZero();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).containsExactly(out.resolve("News.enex"));
        }
        assertThat(EnexWriter.titlesIn(out.resolve("News.enex"))).containsExactly("First news & more");
    }

    @Test
    void without_out_the_files_go_to_a_new_folder_in_th_enex_dir() throws Exception {
        Result r = cli.run("enex", "export", "--trigger", Integer.toString(misc));

        assertThat(r.exit()).as(r.toString()).isZero();
        try (Stream<Path> dirs = Files.list(dataDir.resolve("enex"))) {
            Path export = dirs.findFirst().orElseThrow();
            assertThat(export.getFileName().toString()).matches("export-\\d{8}-\\d{6}");
            assertThat(EnexWriter.titlesIn(export.resolve("Default.enex"))).containsExactly("Misc item");
            assertThat(r.out()).contains("to " + export);
        }
    }

    @Test
    void an_earlier_export_is_never_appended_to_and_unknown_triggers_fail() throws Exception {
        Path out = dataDir.resolve("export");
        assertThat(cli.run("enex", "export", "--out", out.toString()).exit()).isZero();
        long size = Files.size(out.resolve("News.enex"));

        Result again = cli.run("enex", "export", "--out", out.toString());

        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("holds .enex files already");
        assertThat(Files.size(out.resolve("News.enex"))).isEqualTo(size);

        Result unknown = cli.run("enex", "export", "--trigger", "999", "--out", dataDir.resolve("x").toString());
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("no trigger with id 999");
    }

    @Test
    void nothing_waiting_means_nothing_written() throws Exception {
        f.execute("UPDATE thc_outbox SET state = 'delivered'");
        Path out = dataDir.resolve("empty");

        Result r = cli.run("enex", "export", "--out", out.toString());

        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("no entries waiting");
        assertThat(out).doesNotExist();
    }

    @Test
    void once_tokens_set_stores_a_token_the_waiting_entries_become_evernote_notes() throws Exception {
        f.evernote.addAccount("tok-alice", "alice");

        assertThat(cli.runWithInput("tok-alice\n", "tokens", "set", "--user", "alice").exit()).isZero();
        f.runOnce();

        assertThat(f.evernote.notes("tok-alice")).hasSize(3);
        assertThat(pending()).isZero();
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setEntityResolver((publicId, systemId) -> new InputSource(new ByteArrayInputStream(new byte[0])));
        return builder.parse(file.toFile());
    }
}

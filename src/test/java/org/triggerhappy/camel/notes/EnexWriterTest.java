package org.triggerhappy.camel.notes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class EnexWriterTest {

    private static final Instant NOW = Instant.parse("2024-05-06T07:08:09Z");

    @TempDir
    Path dir;

    private final EnmlConverter converter = new EnmlConverter();

    private EnexWriter writer() {
        return new EnexWriter(dir.resolve("export"), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private NoteDraft draft(String title, String html, String notebook) {
        return new NoteDraft(title, converter.toEnml(html, null, "feed", "https://example.org/" + title.hashCode()),
                "https://example.org/" + title.hashCode(), Instant.parse("2023-01-02T03:04:05Z"), notebook, List.of("a", "b & c"));
    }

    @Test
    void n_appends_give_one_well_formed_file_with_n_notes() throws Exception {
        EnexWriter writer = writer();
        List<NoteDraft> drafts = new ArrayList<>();
        Path file = null;
        for (int i = 0; i < 5; i++) {
            NoteDraft d = draft("Note " + i + " <&>", "<p>Body " + i + " ]]> end</p>", null);
            drafts.add(d);
            file = writer.append(d);
            assertThat(parse(file).getElementsByTagName("note").getLength()).isEqualTo(i + 1);
        }

        assertThat(file).isEqualTo(dir.resolve("export/Default.enex"));
        Document doc = parse(file);
        Element root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("en-export");
        assertThat(root.getAttribute("export-date")).isEqualTo("20240506T070809Z");
        assertThat(root.getAttribute("application")).isEqualTo("TriggerHappy Camel");
        assertThat(doc.getDoctype().getSystemId()).isEqualTo("http://xml.evernote.com/pub/evernote-export3.dtd");

        NodeList notes = root.getElementsByTagName("note");
        for (int i = 0; i < notes.getLength(); i++) {
            Element note = (Element) notes.item(i);
            NoteDraft d = drafts.get(i);
            assertThat(text(note, "title")).isEqualTo(d.title());
            // CDATA split around "]]>" reads back as the exact ENML.
            assertThat(text(note, "content")).isEqualTo(d.enml());
            assertThat(EnmlValidator.shared().problems(text(note, "content"))).isEmpty();
            assertThat(text(note, "created")).isEqualTo("20230102T030405Z");
            assertThat(note.getElementsByTagName("tag").item(1).getTextContent()).isEqualTo("b & c");
            assertThat(text(note, "source-url")).isEqualTo(d.sourceUrl());
        }
        assertThat(EnexWriter.titlesIn(file)).containsExactly("Note 0 <&>", "Note 1 <&>", "Note 2 <&>", "Note 3 <&>", "Note 4 <&>");
    }

    @Test
    void one_file_per_notebook_with_safe_names() {
        EnexWriter writer = writer();

        Path reading = writer.append(draft("r1", "<p>r</p>", "Reading"));
        Path odd = writer.append(draft("o1", "<p>o</p>", "../Évé/nts: 2024?"));
        writer.append(draft("r2", "<p>r</p>", "Reading"));
        Path def = writer.append(draft("d1", "<p>d</p>", null));

        assertThat(reading.getFileName().toString()).isEqualTo("Reading.enex");
        assertThat(odd.getParent()).isEqualTo(dir.resolve("export"));
        assertThat(odd.getFileName().toString()).isEqualTo("_Évé_nts_ 2024_.enex");
        assertThat(def.getFileName().toString()).isEqualTo("Default.enex");
        assertThat(EnexWriter.titlesIn(reading)).containsExactly("r1", "r2");
        assertThat(EnexWriter.titlesIn(odd)).containsExactly("o1");
        assertThat(EnexFormat.fileName("con")).isEqualTo("_con.enex");
        assertThat(EnexFormat.fileName("...")).isEqualTo("Default.enex");
    }

    @Test
    void appending_rewrites_only_the_closing_tag() throws Exception {
        EnexWriter writer = writer();
        Path file = writer.append(draft("first", "<p>1</p>", "nb"));
        byte[] before = Files.readAllBytes(file);
        String closing = "</en-export>\n";

        writer.append(draft("second", "<p>2</p>", "nb"));

        byte[] after = Files.readAllBytes(file);
        int kept = before.length - closing.length();
        assertThat(new String(after, 0, kept, StandardCharsets.UTF_8))
                .isEqualTo(new String(before, 0, kept, StandardCharsets.UTF_8));
        assertThat(new String(after, StandardCharsets.UTF_8)).endsWith("</note>\n" + closing);
    }

    @Test
    void notes_without_date_tags_or_source_url_omit_those_elements() throws Exception {
        Path file = writer().append(new NoteDraft("bare", converter.toEnml("x", null, null, null), null, null, null, null));

        Element note = (Element) parse(file).getElementsByTagName("note").item(0);
        assertThat(note.getElementsByTagName("created").getLength()).isZero();
        assertThat(note.getElementsByTagName("tag").getLength()).isZero();
        assertThat(note.getElementsByTagName("note-attributes").getLength()).isZero();
    }

    @Test
    void refuses_to_append_to_a_file_that_is_not_an_open_export() throws Exception {
        Files.createDirectories(dir.resolve("export"));
        Path broken = dir.resolve("export/Default.enex");
        Files.writeString(broken, "<en-export><note>half");

        assertThatThrownBy(() -> writer().append(draft("x", "<p>x</p>", null))).isInstanceOf(UncheckedIOException.class);
        assertThat(Files.readString(broken)).isEqualTo("<en-export><note>half");
    }

    @Test
    void leaves_no_temporary_files_behind() throws Exception {
        EnexWriter writer = writer();
        writer.append(draft("a", "<p>a</p>", "one"));
        writer.append(draft("b", "<p>b</p>", "two"));

        try (var files = Files.list(dir.resolve("export"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("one.enex", "two.enex");
        }
    }

    @Test
    void cdata_split_keeps_the_text() {
        assertThat(EnexFormat.cdataSafe("a]]>b]]]>c")).isEqualTo("a]]]]><![CDATA[>b]]]]]><![CDATA[>c");
    }

    /** A plain JDK DOM parse that never fetches the export DTD. */
    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setCoalescing(true);
        var builder = factory.newDocumentBuilder();
        builder.setEntityResolver((p, s) -> new InputSource(new ByteArrayInputStream(new byte[0])));
        return builder.parse(file.toFile());
    }

    private static String text(Element parent, String tag) {
        return parent.getElementsByTagName(tag).item(0).getTextContent();
    }
}

package org.triggerhappy.camel.notes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Writes notes as Evernote export files (ENEX, importable with File → Import), one file per notebook. Each file
 * is a complete document after every append: a new note replaces only the closing {@code </en-export>} tag, and
 * the file is forced to disk. One writer per directory; appends are serialised on this instance.
 */
public final class EnexWriter {

    static final String DEFAULT_FILE = "Default";
    private static final String CLOSE = "</en-export>\n";
    private static final byte[] CLOSE_TAG = "</en-export>".getBytes(StandardCharsets.UTF_8);
    private static final int TAIL_SCAN = 4096;
    private static final DateTimeFormatter ENEX_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Set<String> WINDOWS_RESERVED = Set.of("con", "prn", "aux", "nul", "com1", "com2", "com3",
            "com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7",
            "lpt8", "lpt9");

    private final Path dir;
    private final Clock clock;

    public EnexWriter(Path dir) {
        this(dir, Clock.systemUTC());
    }

    EnexWriter(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    /** Adds the note to its notebook's file, creating the file (and directory) if needed; returns the file. */
    public synchronized Path append(NoteDraft d) {
        Path file = dir.resolve(fileName(d.notebook()));
        byte[] note = noteXml(d).getBytes(StandardCharsets.UTF_8);
        try {
            if (Files.exists(file)) {
                appendTo(file, note);
            } else {
                create(file, note);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** Titles of the notes in an ENEX file, in file order (tests, demo summary). */
    public static List<String> titlesIn(Path enexFile) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            var builder = factory.newDocumentBuilder();
            builder.setEntityResolver((publicId, systemId) -> new InputSource(new ByteArrayInputStream(new byte[0])));
            Document doc = builder.parse(enexFile.toFile());
            NodeList notes = doc.getDocumentElement().getElementsByTagName("note");
            List<String> titles = new ArrayList<>(notes.getLength());
            for (int i = 0; i < notes.getLength(); i++) {
                NodeList title = ((Element) notes.item(i)).getElementsByTagName("title");
                titles.add(title.getLength() == 0 ? "" : title.item(0).getTextContent());
            }
            return titles;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("Not a well-formed ENEX file: " + enexFile, e);
        }
    }

    /** File name for a notebook: letters, digits, space, '.', '-', '_' kept, the rest '_'; null → Default. */
    static String fileName(String notebook) {
        String name = notebook == null ? "" : notebook;
        StringBuilder sb = new StringBuilder();
        name.codePoints().limit(100).forEach(cp -> {
            boolean safe = Character.isLetterOrDigit(cp) || cp == ' ' || cp == '-' || cp == '_' || cp == '.';
            sb.appendCodePoint(safe ? cp : '_');
        });
        String safe = sb.toString().strip().replaceAll("^[.]+|[. ]+$", "");
        if (safe.isEmpty()) {
            safe = DEFAULT_FILE;
        } else if (WINDOWS_RESERVED.contains(safe.toLowerCase(Locale.ROOT))) {
            safe = "_" + safe;
        }
        return safe + ".enex";
    }

    private void create(Path file, byte[] note) throws IOException {
        Files.createDirectories(dir);
        String head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!DOCTYPE en-export SYSTEM \"http://xml.evernote.com/pub/evernote-export3.dtd\">\n"
                + "<en-export export-date=\"" + ENEX_TIME.format(clock.instant())
                + "\" application=\"TriggerHappy Camel\" version=\"1\">\n";
        Path tmp = Files.createTempFile(dir, ".enex-", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                writeFully(ch, head.getBytes(StandardCharsets.UTF_8));
                writeFully(ch, note);
                writeFully(ch, CLOSE.getBytes(StandardCharsets.UTF_8));
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void appendTo(Path file, byte[] note) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long closeAt = closingTagPosition(ch);
            byte[] close = CLOSE.getBytes(StandardCharsets.UTF_8);
            ByteBuffer buf = ByteBuffer.allocate(note.length + close.length).put(note).put(close).flip();
            ch.position(closeAt);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.truncate(ch.position());
            ch.force(true);
        }
    }

    /** Offset of the last {@code </en-export>}; refuses files that do not end with it (never corrupts more). */
    private static long closingTagPosition(FileChannel ch) throws IOException {
        long size = ch.size();
        int len = (int) Math.min(size, TAIL_SCAN);
        ByteBuffer tail = ByteBuffer.allocate(len);
        ch.read(tail, size - len);
        byte[] bytes = tail.array();
        for (int i = len - CLOSE_TAG.length; i >= 0; i--) {
            if (matchesAt(bytes, i)) {
                for (int j = i + CLOSE_TAG.length; j < len; j++) {
                    if (!Character.isWhitespace(bytes[j])) {
                        throw new IOException("Unexpected data after </en-export>");
                    }
                }
                return size - len + i;
            }
        }
        throw new IOException("No closing </en-export> tag at the end of the file");
    }

    private static boolean matchesAt(byte[] bytes, int at) {
        for (int k = 0; k < CLOSE_TAG.length; k++) {
            if (bytes[at + k] != CLOSE_TAG[k]) {
                return false;
            }
        }
        return true;
    }

    private static void writeFully(FileChannel ch, byte[] bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    private static String noteXml(NoteDraft d) {
        StringBuilder sb = new StringBuilder(d.enml().length() + 512);
        sb.append("<note><title>").append(XmlBudgetWriter.escapeText(d.title())).append("</title>\n");
        sb.append("<content><![CDATA[").append(cdataSafe(d.enml())).append("]]></content>\n");
        if (d.created() != null) {
            sb.append("<created>").append(ENEX_TIME.format(d.created())).append("</created>\n");
        }
        for (String tag : d.tags()) {
            sb.append("<tag>").append(XmlBudgetWriter.escapeText(tag)).append("</tag>\n");
        }
        if (d.sourceUrl() != null) {
            sb.append("<note-attributes><source-url>").append(XmlBudgetWriter.escapeText(d.sourceUrl()))
                    .append("</source-url></note-attributes>\n");
        }
        return sb.append("</note>\n").toString();
    }

    /** A CDATA section cannot contain "]]>": end the section between "]]" and ">" and start a new one. */
    static String cdataSafe(String s) {
        return XmlBudgetWriter.stripNonXml(s).replace("]]>", "]]]]><![CDATA[>");
    }

    static Instant parseTime(String enexTime) {
        return Instant.from(ENEX_TIME.parse(enexTime));
    }
}

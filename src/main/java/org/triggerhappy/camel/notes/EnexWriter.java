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
import java.util.ArrayList;
import java.util.List;

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
 * is a complete document after every append: a new file is written to a temporary file and moved into place; a
 * new note replaces only the closing {@code </en-export>} tag of an existing file, which is then forced to disk.
 * Use one writer per directory; appends are serialised on this instance.
 */
public final class EnexWriter {

    private static final byte[] CLOSE_TAG = "</en-export>".getBytes(StandardCharsets.UTF_8);
    private static final int TAIL_SCAN = 4096;

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
        Path file = dir.resolve(EnexFormat.fileName(d.notebook()));
        byte[] note = EnexFormat.note(d).getBytes(StandardCharsets.UTF_8);
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

    /** Titles of the notes in an ENEX file, in file order (tests, demo summary). Never fetches the DTD. */
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

    private void create(Path file, byte[] note) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".enex-", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                writeFully(ch, EnexFormat.head(clock.instant()).getBytes(StandardCharsets.UTF_8));
                writeFully(ch, note);
                writeFully(ch, EnexFormat.CLOSE.getBytes(StandardCharsets.UTF_8));
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
            ch.position(closingTagPosition(ch));
            // Note and closing tag in one buffer: one write, then truncate whatever followed the old tag.
            byte[] close = EnexFormat.CLOSE.getBytes(StandardCharsets.UTF_8);
            writeFully(ch, ByteBuffer.allocate(note.length + close.length).put(note).put(close).array());
            ch.truncate(ch.position());
            ch.force(true);
        }
    }

    /** Offset of the final {@code </en-export>}; a file not ending with it is refused, never patched. */
    private static long closingTagPosition(FileChannel ch) throws IOException {
        long size = ch.size();
        int len = (int) Math.min(size, TAIL_SCAN);
        ByteBuffer tail = ByteBuffer.allocate(len);
        while (tail.hasRemaining() && ch.read(tail, size - len + tail.position()) > 0) {
            // read the whole tail
        }
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
}

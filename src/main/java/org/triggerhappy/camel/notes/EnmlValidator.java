package org.triggerhappy.camel.notes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.DocumentType;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.EntityResolver;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Validates ENML offline the way the Evernote service does: DTD validation against the bundled ENML 2 DTD
 * (classpath {@code /enml/}), plus the service's own rules the DTD cannot express (no comments, absolute
 * http/https/mailto hrefs, content length). Never touches the network. Thread-safe.
 */
public final class EnmlValidator {

    public static final String ENML_SYSTEM_ID = "http://xml.evernote.com/pub/enml2.dtd";

    /** EDAM_NOTE_CONTENT_LEN_MAX. */
    public static final int CONTENT_LEN_MAX = 5_242_880;

    private static final EnmlValidator SHARED = new EnmlValidator();

    /** System and PUBLIC ids of the DTD and the entity sets it pulls in → classpath resource. */
    private static final Map<String, String> RESOURCES = Map.of(
            ENML_SYSTEM_ID, "/enml/enml2.dtd",
            "https://xml.evernote.com/pub/enml2.dtd", "/enml/enml2.dtd",
            "http://www.w3.org/TR/xhtml1/DTD/xhtml-lat1.ent", "/enml/xhtml-lat1.ent",
            "http://www.w3.org/TR/xhtml1/DTD/xhtml-symbol.ent", "/enml/xhtml-symbol.ent",
            "http://www.w3.org/TR/xhtml1/DTD/xhtml-special.ent", "/enml/xhtml-special.ent",
            "-//W3C//ENTITIES Latin 1 for XHTML//EN", "/enml/xhtml-lat1.ent",
            "-//W3C//ENTITIES Symbols for XHTML//EN", "/enml/xhtml-symbol.ent",
            "-//W3C//ENTITIES Special for XHTML//EN", "/enml/xhtml-special.ent");

    /** Resource bytes, read once: the DTD is re-read for every document. */
    private static final Map<String, byte[]> BYTES = loadAll();

    // DocumentBuilder is not thread-safe; one per thread, reset between documents.
    private final ThreadLocal<DocumentBuilder> builders = ThreadLocal.withInitial(EnmlValidator::newBuilder);

    public static EnmlValidator shared() {
        return SHARED;
    }

    public boolean isValid(String enml) {
        return problems(enml).isEmpty();
    }

    /** Problems found, in document order; Xerces' messages for DTD errors. Empty means valid. */
    public List<String> problems(String enml) {
        List<String> problems = new ArrayList<>();
        if (enml == null) {
            problems.add("Note content is missing");
            return problems;
        }
        if (enml.length() > CONTENT_LEN_MAX) {
            problems.add("Note content is longer than " + CONTENT_LEN_MAX + " characters");
            return problems;
        }
        DocumentBuilder builder = builders.get();
        builder.reset();
        builder.setEntityResolver(RESOLVER);
        builder.setErrorHandler(new Collector(problems));
        Document doc;
        try {
            doc = builder.parse(new InputSource(new StringReader(enml)));
        } catch (SAXException e) {
            if (problems.isEmpty()) {
                problems.add(e.getMessage());
            }
            return problems;
        } catch (IOException e) {
            problems.add("Cannot read ENML: " + e.getMessage());
            return problems;
        }
        checkDoctype(doc.getDoctype(), problems);
        checkServiceRules(doc, problems);
        return problems;
    }

    // A document could name another DTD or carry an internal subset and still "validate".
    private static void checkDoctype(DocumentType doctype, List<String> problems) {
        if (doctype == null || !"en-note".equals(doctype.getName()) || !ENML_SYSTEM_ID.equals(doctype.getSystemId())) {
            problems.add("The DOCTYPE must be <!DOCTYPE en-note SYSTEM \"" + ENML_SYSTEM_ID + "\">");
        } else if (doctype.getInternalSubset() != null && !doctype.getInternalSubset().isBlank()) {
            problems.add("The DOCTYPE must not have an internal subset");
        }
    }

    private static void checkServiceRules(Node node, List<String> problems) {
        // Iterative walk: hostile nesting depth must not overflow the stack.
        Node current = node.getFirstChild();
        while (current != null) {
            if (current.getNodeType() == Node.COMMENT_NODE) {
                problems.add("Illegal to contain comments in ENML");
            } else if (current.getNodeType() == Node.PROCESSING_INSTRUCTION_NODE) {
                problems.add("Illegal to contain processing instructions in ENML");
            } else if (current.getNodeType() == Node.ELEMENT_NODE) {
                Element element = (Element) current;
                if ("a".equals(element.getTagName()) && element.hasAttribute("href")
                        && !UrlPolicy.isAbsoluteLink(element.getAttribute("href"))) {
                    problems.add("Invalid a href attribute:" + element.getAttribute("href"));
                }
            }
            current = next(current, node);
        }
    }

    private static Node next(Node current, Node root) {
        if (current.getFirstChild() != null) {
            return current.getFirstChild();
        }
        while (current != null && current != root) {
            if (current.getNextSibling() != null) {
                return current.getNextSibling();
            }
            current = current.getParentNode();
        }
        return null;
    }

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setValidating(true);
            factory.setNamespaceAware(false);
            factory.setIgnoringComments(false);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(true);
            // Entity expansion limits; external access is closed, the resolver serves the DTD from memory.
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setEntityResolver(RESOLVER);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("No validating XML parser available", e);
        }
    }

    /** Known ids come from memory; anything else is refused instead of fetched. */
    private static final EntityResolver RESOLVER = (publicId, systemId) -> {
        String resource = publicId != null && RESOURCES.containsKey(publicId) ? RESOURCES.get(publicId) : RESOURCES.get(systemId);
        if (resource == null) {
            throw new SAXException("External entity not allowed in ENML: " + systemId);
        }
        InputSource source = new InputSource(new ByteArrayInputStream(BYTES.get(resource)));
        source.setPublicId(publicId);
        source.setSystemId(systemId);
        return source;
    };

    private static Map<String, byte[]> loadAll() {
        Map<String, byte[]> bytes = new java.util.HashMap<>();
        for (String resource : RESOURCES.values()) {
            bytes.computeIfAbsent(resource, EnmlValidator::load);
        }
        return Map.copyOf(bytes);
    }

    private static byte[] load(String resource) {
        try (InputStream in = EnmlValidator.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keeps every warning and error; the parser goes on after validity errors to report them all. */
    private record Collector(List<String> problems) implements ErrorHandler {
        @Override
        public void warning(SAXParseException e) {
            problems.add(e.getMessage());
        }

        @Override
        public void error(SAXParseException e) {
            problems.add(e.getMessage());
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            problems.add(e.getMessage());
            throw e;
        }
    }
}

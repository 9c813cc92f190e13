package org.triggerhappy.camel.testsupport;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.Map;
import java.util.Optional;

/**
 * The service-side ENML check of {@link FakeEvernote}: DTD validation with the JDK's validating parser against the DTD
 * on the classpath (never the network), plus the rules the service enforces beyond the DTD (evernote.md §1.6).
 * Messages are Xerces' own, i.e. what the real service returns in EDAMUserException(ENML_VALIDATION).parameter.
 */
final class FakeEvernoteEnml {

    private static final Map<String, String> LOCAL_COPIES = Map.of(
            "http://xml.evernote.com/pub/enml2.dtd", "/enml/enml2.dtd",
            "https://xml.evernote.com/pub/enml2.dtd", "/enml/enml2.dtd",
            "http://www.w3.org/TR/xhtml1/DTD/xhtml-lat1.ent", "/enml/xhtml-lat1.ent",
            "http://www.w3.org/TR/xhtml1/DTD/xhtml-symbol.ent", "/enml/xhtml-symbol.ent",
            "http://www.w3.org/TR/xhtml1/DTD/xhtml-special.ent", "/enml/xhtml-special.ent",
            "-//W3C//ENTITIES Latin 1 for XHTML//EN", "/enml/xhtml-lat1.ent",
            "-//W3C//ENTITIES Symbols for XHTML//EN", "/enml/xhtml-symbol.ent",
            "-//W3C//ENTITIES Special for XHTML//EN", "/enml/xhtml-special.ent");

    private static final ErrorHandler STRICT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private final DocumentBuilderFactory factory;

    FakeEvernoteEnml() {
        factory = DocumentBuilderFactory.newInstance();
        factory.setValidating(true);
        factory.setNamespaceAware(false);
        factory.setIgnoringComments(false);
        // Like a real service, compile the DTD once, not per note (keeps the benchmark's CPU on the service).
        cachedFactory = DocumentBuilderFactory.newInstance();
        cachedFactory.setValidating(true);
        cachedFactory.setNamespaceAware(false);
        cachedFactory.setIgnoringComments(false);
        org.triggerhappy.camel.notes.DtdGrammarCache.apply(cachedFactory);
        builders = ThreadLocal.withInitial(() -> newBuilder(factory));
        cachedBuilders = ThreadLocal.withInitial(() -> newBuilder(cachedFactory));
    }

    private final DocumentBuilderFactory cachedFactory;

    // One builder per thread and factory, reset between documents: building a parser per note would put the
    // benchmark's CPU on this stand-in, whose real counterpart runs on Evernote's machines.
    private final ThreadLocal<DocumentBuilder> builders;
    private final ThreadLocal<DocumentBuilder> cachedBuilders;

    /** Empty when the service would accept the content, else the validator's message. */
    Optional<String> problem(String enml) {
        try {
            DocumentBuilder builder = org.triggerhappy.camel.notes.DtdGrammarCache.usableFor(enml)
                    ? cachedBuilders.get() : builders.get();
            builder.reset();
            builder.setErrorHandler(STRICT);
            builder.setEntityResolver(FakeEvernoteEnml::resolve);
            Document document = builder.parse(new InputSource(new StringReader(enml)));
            return beyondDtd(document);
        } catch (SAXException e) {
            return Optional.of(e.getMessage());
        } catch (IOException e) {
            return Optional.of("Unreadable ENML: " + e.getMessage());
        }
    }

    private DocumentBuilder newBuilder(DocumentBuilderFactory f) {
        try {
            DocumentBuilder builder;
            synchronized (f) { // factories are not thread-safe; the builders they hand out are used by one thread
                builder = f.newDocumentBuilder();
            }
            builder.setErrorHandler(STRICT);
            builder.setEntityResolver(FakeEvernoteEnml::resolve);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InputSource resolve(String publicId, String systemId) throws SAXException, IOException {
        String path = systemId == null ? null : LOCAL_COPIES.get(systemId);
        if (path == null && publicId != null) {
            path = LOCAL_COPIES.get(publicId);
        }
        if (path == null) {
            throw new SAXException("External entity not allowed in ENML: " + systemId);
        }
        URL url = FakeEvernoteEnml.class.getResource(path);
        if (url == null) {
            throw new IllegalStateException("ENML DTD missing from the classpath: " + path);
        }
        InputSource source = new InputSource(url.openStream());
        source.setSystemId(url.toExternalForm());
        source.setPublicId(publicId);
        return source;
    }

    private static Optional<String> beyondDtd(Document document) {
        if (document.getDoctype() != null && document.getDoctype().getInternalSubset() != null) {
            return Optional.of("Internal DTD subset not allowed in ENML");
        }
        return check(document);
    }

    private static Optional<String> check(Node node) {
        if (node.getNodeType() == Node.COMMENT_NODE) {
            return Optional.of("Illegal to contain comments in ENML");
        }
        if (node instanceof Element element && "a".equals(element.getTagName()) && element.hasAttribute("href")) {
            String href = element.getAttribute("href");
            if (!isAbsolute(href)) {
                return Optional.of("Invalid a href attribute:" + href);
            }
        }
        NodeList children = node.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Optional<String> problem = check(children.item(i));
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static boolean isAbsolute(String href) {
        try {
            return new URI(href.trim()).getScheme() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}

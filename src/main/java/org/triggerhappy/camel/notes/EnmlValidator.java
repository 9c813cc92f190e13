package org.triggerhappy.camel.notes;

import com.evernote.edam.limits.Constants;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Validates ENML offline the way the Evernote service does: a validating JDK parser checks the document against
 * the bundled ENML 2 DTD (classpath {@code /enml/}, see {@link EnmlDtdResolver}), then the service's own rules the
 * DTD cannot express are applied ({@link EnmlServiceRules}: no comments, absolute http/https/mailto hrefs).
 * DTD problems are Xerces' messages, the same text Evernote returns with ENML_VALIDATION. Never touches the
 * network. Thread-safe.
 */
public final class EnmlValidator {

    public static final String ENML_SYSTEM_ID = "http://xml.evernote.com/pub/enml2.dtd";

    public static final int CONTENT_LEN_MAX = Constants.EDAM_NOTE_CONTENT_LEN_MAX;

    private static final EnmlValidator SHARED = new EnmlValidator();

    // DocumentBuilder is not thread-safe; one per thread, reset between documents.
    private final ThreadLocal<DocumentBuilder> builders = ThreadLocal.withInitial(() -> newBuilder(false));
    private final ThreadLocal<DocumentBuilder> cachedBuilders = ThreadLocal.withInitial(() -> newBuilder(true));

    public static EnmlValidator shared() {
        return SHARED;
    }

    public boolean isValid(String enml) {
        return problems(enml).isEmpty();
    }

    /** Problems found, in document order. Empty means valid. */
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
        DocumentBuilder builder = DtdGrammarCache.usableFor(enml) ? cachedBuilders.get() : builders.get();
        builder.reset();
        builder.setEntityResolver(EnmlDtdResolver.INSTANCE);
        builder.setErrorHandler(new Collector(problems));
        try {
            Document doc = builder.parse(new InputSource(new StringReader(enml)));
            EnmlServiceRules.check(doc, problems);
        } catch (SAXException e) {
            if (problems.isEmpty()) {
                problems.add(e.getMessage());
            }
        } catch (IOException e) {
            problems.add("Cannot read ENML: " + e.getMessage());
        }
        return problems;
    }

    private static DocumentBuilder newBuilder(boolean cachedDtd) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setValidating(true);
            factory.setNamespaceAware(false);
            factory.setIgnoringComments(false);
            factory.setXIncludeAware(false);
            // Entity expansion limits; the resolver serves the DTD from memory and refuses anything else.
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            if (cachedDtd) {
                DtdGrammarCache.apply(factory);
            }
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("No validating XML parser available", e);
        }
    }

    /** Keeps every warning and error; the parser goes on after validity errors, so all of them are reported. */
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

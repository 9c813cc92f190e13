package org.triggerhappy.camel.entries;

import org.jdom2.JDOMException;
import org.jdom2.input.sax.XMLReaderJDOMFactory;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.XMLFilterImpl;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import java.util.Locale;

/**
 * JAXP's built-in parser, locked down: no external DTD, no external entities, secure processing with low entity
 * limits. JDOM switches external general entities on when it expands entities, so the reader is wrapped in a
 * filter that ignores any attempt to turn them back on.
 */
final class HardenedReaders implements XMLReaderJDOMFactory {

    static final int ENTITY_EXPANSION_LIMIT = 10_000;
    static final int TOTAL_ENTITY_SIZE_LIMIT = 1_000_000;
    static final int MAX_ELEMENT_DEPTH = 1_000;

    private static final String EXTERNAL_GENERAL = "http://xml.org/sax/features/external-general-entities";
    private static final String EXTERNAL_PARAMETER = "http://xml.org/sax/features/external-parameter-entities";
    private static final String JDK_PROPERTY = "http://www.oracle.com/xml/jaxp/properties/";

    @Override
    public XMLReader createXMLReader() throws JDOMException {
        try {
            SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature(EXTERNAL_GENERAL, false);
            factory.setFeature(EXTERNAL_PARAMETER, false);
            XMLReader reader = factory.newSAXParser().getXMLReader();
            reader.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            reader.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            reader.setProperty(JDK_PROPERTY + "entityExpansionLimit", String.valueOf(ENTITY_EXPANSION_LIMIT));
            reader.setProperty(JDK_PROPERTY + "totalEntitySizeLimit", String.valueOf(TOTAL_ENTITY_SIZE_LIMIT));
            reader.setProperty(JDK_PROPERTY + "maxElementDepth", String.valueOf(MAX_ELEMENT_DEPTH));
            setIfSupported(reader, "http://apache.org/xml/properties/locale", Locale.ENGLISH);
            return new NoExternalEntities(reader);
        } catch (ParserConfigurationException | SAXException e) {
            throw new JDOMException("cannot configure a secure XML parser: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isValidating() {
        return false;
    }

    private static void setIfSupported(XMLReader reader, String property, Object value) {
        try {
            reader.setProperty(property, value);
        } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
            // English parser messages are a nicety, not a requirement
        }
    }

    /** Keeps external entities switched off whatever the caller (JDOM) asks. */
    private static final class NoExternalEntities extends XMLFilterImpl {
        NoExternalEntities(XMLReader parent) {
            super(parent);
        }

        @Override
        public void setFeature(String name, boolean value) throws SAXNotRecognizedException,
                SAXNotSupportedException {
            if (value && (EXTERNAL_GENERAL.equals(name) || EXTERNAL_PARAMETER.equals(name))) {
                return;
            }
            super.setFeature(name, value);
        }
    }
}

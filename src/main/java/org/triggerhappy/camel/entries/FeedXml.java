package org.triggerhappy.camel.entries;

import com.rometools.rome.io.XmlReader;
import com.rometools.rome.io.impl.XmlFixerReader;
import org.jdom2.Document;
import org.jdom2.JDOMException;
import org.jdom2.input.JDOMParseException;
import org.jdom2.input.SAXBuilder;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * XML documents read with the feed parser's guards ({@link HardenedReaders}: no external DTDs or entities, capped
 * expansion), and a second pass with ROME's entity fix-up only for a document that failed on an undeclared HTML
 * entity such as {@code &nbsp;}.
 */
final class FeedXml {

    private static final Pattern UNDECLARED_ENTITY = Pattern.compile("was referenced, but not declared");

    private FeedXml() {
    }

    /** An XML document (an OPML file) read with the same guards as a feed: no external entities, capped expansion. */
    static Document read(byte[] body) throws FeedParseException {
        if (body == null || body.length == 0) {
            throw new FeedParseException("empty document");
        }
        try {
            return build(FeedPrelude.stripBeforeDeclaration(body), null);
        } catch (RuntimeException | StackOverflowError e) {
            throw new FeedParseException("XML could not be read: "
                    + FeedParseException.oneLine(String.valueOf(e.getMessage())), e);
        }
    }

    /** The document of a feed whose bytes start at the XML declaration (see {@link FeedPrelude}). */
    static Document build(byte[] xml, String contentType) throws FeedParseException {
        try {
            return buildDocument(reader(xml, contentType));
        } catch (JDOMParseException e) {
            if (e.getMessage() != null && UNDECLARED_ENTITY.matcher(e.getMessage()).find()) {
                try {
                    // Second, slower pass: ROME's fixer maps HTML entity names to character references.
                    return buildDocument(new XmlFixerReader(reader(xml, contentType)));
                } catch (JDOMException | IOException retry) {
                    throw xmlError(e);
                }
            }
            throw xmlError(e);
        } catch (JDOMException | IOException e) {
            throw new FeedParseException("XML error: "
                    + FeedParseException.oneLine(String.valueOf(e.getMessage())), e);
        }
    }

    private static Document buildDocument(Reader reader) throws JDOMException, IOException {
        SAXBuilder builder = new SAXBuilder(new HardenedReaders());
        builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
        builder.setExpandEntities(true); // internal entities only: HardenedReaders keeps external ones off
        try (reader) {
            return builder.build(reader);
        }
    }

    /**
     * Encoding, via ROME's lenient XmlReader: the XML declaration wins (servers often add a wrong default charset),
     * else the Content-Type charset, else BOM / UTF-8. Without a charset the HTTP mode is skipped, because it would
     * apply RFC 3023's US-ASCII default to text/xml.
     */
    private static Reader reader(byte[] xml, String contentType) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(xml);
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("charset=")) {
            return new XmlReader(in, contentType, true);
        }
        return new XmlReader(in, true);
    }

    private static FeedParseException xmlError(JDOMParseException e) {
        String reason = e.getCause() instanceof SAXException sax && sax.getMessage() != null
                ? sax.getMessage() : String.valueOf(e.getMessage());
        String where = e.getLineNumber() > 0 ? " at line " + e.getLineNumber() : "";
        return new FeedParseException("XML error" + where + ": " + FeedParseException.oneLine(reason), e);
    }
}

package org.triggerhappy.camel.entries;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import com.rometools.rome.io.impl.XmlFixerReader;
import org.jdom2.Document;
import org.jdom2.JDOMException;
import org.jdom2.input.JDOMParseException;
import org.jdom2.input.SAXBuilder;
import org.jdom2.input.sax.XMLReaderJDOMFactory;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.XMLFilterImpl;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses an RSS (0.90–2.0) or Atom (0.3, 1.0) document with ROME, or a JSON Feed ({@link JsonFeedParser}), into a
 * {@link ParsedFeed}. Stateless and thread-safe.
 * <p>
 * XML handling differs from ROME's defaults on purpose: DOCTYPEs are accepted (RSS 0.91 Netscape carries one), but
 * the parser never loads external DTDs or entities and caps entity expansion, so XXE and "billion laughs" documents
 * fail instead of reading files or exhausting memory. ROME's slow char-by-char "XML healer" is replaced by a byte-level
 * skip of whitespace and comments before the XML declaration; its entity fix-up is only used to retry a document that
 * failed on an undeclared HTML entity such as {@code &nbsp;}.
 */
public final class FeedParser {

    /** Categories kept per entry: enough for filters and tags, bounded against a feed of a million tags. */
    static final int MAX_CATEGORIES = 100;

    private static final java.util.Set<String> FEED_ROOTS = java.util.Set.of("rss", "RDF", "feed");

    private static final Pattern UNDECLARED_ENTITY = Pattern.compile("was referenced, but not declared");

    /**
     * @param body        raw document bytes (already decompressed)
     * @param contentType HTTP Content-Type, may be null; its charset is used when the document declares none
     * @param feedUrl     URL the document came from; base for relative links, may be null
     */
    public ParsedFeed parse(byte[] body, String contentType, String feedUrl) throws FeedParseException {
        if (body == null || body.length == 0) {
            throw new FeedParseException("empty document");
        }
        byte[] xml = Prelude.stripBeforeDeclaration(body);
        if (Prelude.looksLikeHtml(xml)) {
            throw new FeedParseException("not a feed: HTML page");
        }
        if (Prelude.looksLikeJson(xml) || JsonFeedParser.isJsonFeedType(contentType)) {
            return JsonFeedParser.parse(xml, contentType, Links.base(feedUrl));
        }
        try {
            Document document = buildDocument(xml, contentType);
            return toParsedFeed(toSyndFeed(document), Links.base(feedUrl));
        } catch (FeedParseException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // ROME and JDOM signal many data problems with unchecked exceptions
            throw new FeedParseException("feed could not be read: " + oneLine(String.valueOf(e.getMessage())), e);
        }
    }

    /** An XML document (an OPML file) read with the same guards as a feed: no external entities, capped expansion. */
    static Document xmlDocument(byte[] body) throws FeedParseException {
        if (body == null || body.length == 0) {
            throw new FeedParseException("empty document");
        }
        try {
            return buildDocument(Prelude.stripBeforeDeclaration(body), null);
        } catch (RuntimeException | StackOverflowError e) {
            throw new FeedParseException("XML could not be read: " + oneLine(String.valueOf(e.getMessage())), e);
        }
    }

    private static Document buildDocument(byte[] xml, String contentType) throws FeedParseException {
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
            throw new FeedParseException("XML error: " + oneLine(String.valueOf(e.getMessage())), e);
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

    private static SyndFeed toSyndFeed(Document document) throws FeedParseException {
        String root = document.hasRootElement() ? document.getRootElement().getName() : "";
        if (root.equalsIgnoreCase("html")) {
            throw new FeedParseException("not a feed: HTML page");
        }
        if (!FEED_ROOTS.contains(root)) {
            // ROME would read an OPML file (rome-opml is on the class path for triggers import) as a "feed".
            throw new FeedParseException("not a feed: root element <" + root + "> is neither RSS nor Atom");
        }
        SyndFeedInput input = new SyndFeedInput();
        input.setPreserveWireFeed(true); // the wire entries tell whether a guid/id element was present
        try {
            return input.build(document);
        } catch (IllegalArgumentException e) {
            throw new FeedParseException("not a feed: root element <" + root + "> is neither RSS nor Atom", e);
        } catch (FeedException e) {
            throw new FeedParseException("not a valid feed: " + oneLine(String.valueOf(e.getMessage())), e);
        }
    }

    private static ParsedFeed toParsedFeed(SyndFeed feed, URI feedUrl) {
        WireFeed wire = feed.originalWireFeed();
        URI base = wire instanceof Feed atom ? Links.against(feedUrl, atom.getXmlBase()) : feedUrl;
        List<FeedEntry> entries = new ArrayList<>(feed.getEntries().size());
        for (SyndEntry entry : feed.getEntries()) {
            entries.add(toEntry(entry, wire, base));
        }
        Duration ttl = wire instanceof Channel channel && channel.getTtl() > 0
                ? Duration.ofMinutes(channel.getTtl()) : null;
        return new ParsedFeed(feed.getTitle(), Links.absolute(base, feed.getLink()), ttl, entries);
    }

    private static FeedEntry toEntry(SyndEntry entry, WireFeed feed, URI feedBase) {
        Object wire = entry.getWireEntry();
        URI base = wire instanceof Entry atom ? Links.against(feedBase, atom.getXmlBase()) : feedBase;
        Date published = entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
        String link = Links.absolute(base, entry.getLink());
        String content = ImageEnclosures.appendTo(contentHtml(entry), entry, base, link);
        return new FeedEntry(guid(entry, feed, wire), link, entry.getTitle(), content,
                published == null ? null : published.toInstant(), blankToNull(entry.getAuthor()), categories(entry));
    }

    private static List<String> categories(SyndEntry entry) {
        List<String> names = new ArrayList<>();
        for (var category : entry.getCategories()) {
            String name = blankToNull(category.getName());
            if (name != null && names.size() < MAX_CATEGORIES) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * RSS guid, Atom id, RSS 1.0 rdf:about. Not SyndEntry.getUri(): for RSS items without a guid ROME fills it with
     * the link, which would make a link look like a stable id.
     */
    private static String guid(SyndEntry entry, WireFeed feed, Object wire) {
        if (wire instanceof Item item) {
            if (item.getGuid() != null) {
                return blankToNull(item.getGuid().getValue());
            }
            return "rss_1.0".equals(feed.getFeedType()) ? blankToNull(item.getUri()) : null;
        }
        if (wire instanceof Entry atom) {
            return blankToNull(atom.getId());
        }
        return blankToNull(entry.getUri());
    }

    /**
     * content:encoded / Atom content first, else description / summary; plain text is escaped to HTML unless it
     * looks like HTML ({@link HtmlLikeText}).
     */
    private static String contentHtml(SyndEntry entry) {
        for (SyndContent content : entry.getContents()) {
            String html = asHtml(content);
            if (html != null) {
                return html;
            }
        }
        return asHtml(entry.getDescription());
    }

    private static String asHtml(SyndContent content) {
        if (content == null || content.getValue() == null || content.getValue().isBlank()) {
            return null;
        }
        String type = content.getType() == null ? "" : content.getType().toLowerCase(Locale.ROOT);
        if ((type.equals("text") || type.equals("text/plain")) && !HtmlLikeText.looksLikeHtml(content.getValue())) {
            return Html.escape(content.getValue());
        }
        return content.getValue();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static FeedParseException xmlError(JDOMParseException e) {
        String reason = e.getCause() instanceof SAXException sax && sax.getMessage() != null
                ? sax.getMessage() : String.valueOf(e.getMessage());
        String where = e.getLineNumber() > 0 ? " at line " + e.getLineNumber() : "";
        return new FeedParseException("XML error" + where + ": " + oneLine(reason), e);
    }

    private static String oneLine(String s) {
        String line = s.replaceAll("\\s+", " ").strip();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    /** Byte-level checks before parsing; only for ASCII-compatible encodings (UTF-16 passes through untouched). */
    static final class Prelude {

        private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

        private Prelude() {
        }

        /** Drops a UTF-8 BOM, whitespace and comments before {@code <?xml}, which XML forbids but feeds contain. */
        static byte[] stripBeforeDeclaration(byte[] b) {
            int start = startsWith(b, 0, UTF8_BOM) ? 3 : 0;
            int i = skipWhitespaceAndComments(b, start);
            if (i > start && startsWithIgnoreCase(b, i, "<?xml")) {
                byte[] stripped = new byte[b.length - i];
                System.arraycopy(b, i, stripped, 0, stripped.length);
                return stripped;
            }
            return b;
        }

        /** An HTML page: an HTML doctype or an {@code <html>} root right after the prolog. */
        static boolean looksLikeHtml(byte[] b) {
            int i = startsWith(b, 0, UTF8_BOM) ? 3 : 0;
            i = skipWhitespaceAndComments(b, i);
            if (startsWithIgnoreCase(b, i, "<?xml")) {
                int end = indexOf(b, i, "?>");
                if (end < 0) {
                    return false;
                }
                i = skipWhitespaceAndComments(b, end + 2);
            }
            return startsWithIgnoreCase(b, i, "<!doctype html") || startsWithIgnoreCase(b, i, "<html");
        }

        /** A JSON document (JSON Feed, an API error): starts with '{' or '['. */
        static boolean looksLikeJson(byte[] b) {
            int i = skipWhitespaceAndComments(b, startsWith(b, 0, UTF8_BOM) ? 3 : 0);
            return i < b.length && (b[i] == '{' || b[i] == '[');
        }

        private static int skipWhitespaceAndComments(byte[] b, int from) {
            int i = from;
            while (i < b.length) {
                byte c = b[i];
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                    i++;
                } else if (startsWith(b, i, "<!--".getBytes(StandardCharsets.US_ASCII))) {
                    int end = indexOf(b, i + 4, "-->");
                    if (end < 0) {
                        return i;
                    }
                    i = end + 3;
                } else {
                    return i;
                }
            }
            return i;
        }

        private static int indexOf(byte[] b, int from, String ascii) {
            byte[] needle = ascii.getBytes(StandardCharsets.US_ASCII);
            for (int i = from; i <= b.length - needle.length; i++) {
                if (startsWith(b, i, needle)) {
                    return i;
                }
            }
            return -1;
        }

        private static boolean startsWith(byte[] b, int at, byte[] prefix) {
            if (at + prefix.length > b.length) {
                return false;
            }
            for (int k = 0; k < prefix.length; k++) {
                if (b[at + k] != prefix[k]) {
                    return false;
                }
            }
            return true;
        }

        private static boolean startsWithIgnoreCase(byte[] b, int at, String ascii) {
            if (at + ascii.length() > b.length) {
                return false;
            }
            for (int k = 0; k < ascii.length(); k++) {
                if (Character.toLowerCase((char) (b[at + k] & 0xFF)) != ascii.charAt(k)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Link resolution against the feed URL and xml:base; only http(s) links survive. */
    static final class Links {

        private Links() {
        }

        static URI base(String feedUrl) {
            if (feedUrl == null || feedUrl.isBlank()) {
                return null;
            }
            URI uri = parse(feedUrl);
            return uri != null && uri.isAbsolute() ? uri : null;
        }

        /** The base after applying an xml:base value (itself possibly relative). */
        static URI against(URI base, String xmlBase) {
            if (xmlBase == null || xmlBase.isBlank()) {
                return base;
            }
            URI resolved = resolve(base, xmlBase);
            return resolved != null ? resolved : base;
        }

        /** An absolute http(s) URL, or null when the link is missing, unparsable or of another scheme. */
        static String absolute(URI base, String link) {
            if (link == null || link.isBlank()) {
                return null;
            }
            URI resolved = resolve(base, link);
            if (resolved == null) {
                return null;
            }
            String scheme = resolved.getScheme() == null ? "" : resolved.getScheme().toLowerCase(Locale.ROOT);
            return scheme.equals("http") || scheme.equals("https") ? resolved.toString() : null;
        }

        private static URI resolve(URI base, String reference) {
            URI ref = parse(reference);
            if (ref == null) {
                return null;
            }
            if (ref.isAbsolute()) {
                return ref;
            }
            if (base == null) {
                return null;
            }
            // URI.resolve("b") against "http://host" (empty path) would give "http://hostb"
            URI safeBase = base.getRawPath() == null || base.getRawPath().isEmpty() ? base.resolve("/") : base;
            return safeBase.resolve(ref);
        }

        private static URI parse(String text) {
            try {
                return new URI(text.strip().replace(" ", "%20"));
            } catch (URISyntaxException e) {
                return null;
            }
        }
    }

    /**
     * JAXP's built-in parser, locked down: no external DTD, no external entities, secure processing with low entity
     * limits. JDOM switches external general entities on when it expands entities, so the reader is wrapped in a
     * filter that ignores any attempt to turn them back on.
     */
    static final class HardenedReaders implements XMLReaderJDOMFactory {

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
}

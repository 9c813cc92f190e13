package org.triggerhappy.camel.entries;

import com.rometools.opml.feed.opml.Attribute;
import com.rometools.opml.feed.opml.Opml;
import com.rometools.opml.feed.opml.Outline;
import com.rometools.opml.io.impl.OPML10Parser;
import com.rometools.opml.io.impl.OPML20Generator;
import com.rometools.opml.io.impl.OPML20Parser;
import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.io.FeedException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jdom2.Document;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;

/**
 * Feed subscriptions in OPML (1.0 and 2.0, nested outlines), read with ROME's OPML module through the same hardened
 * XML reader as feeds, and written as OPML 2.0.
 */
public final class OpmlSubscriptions {
    /** Outlines nested deeper than this are a hostile file, not a folder tree. */
    static final int MAX_DEPTH = 50;
    static final String NOTEBOOK_ATTRIBUTE = "notebook";

    /**
     * One subscription.
     *
     * @param title      the outline's title, else its text; may be null
     * @param categories its {@code category} values and the titles of the folders it sits in, each once, in order
     * @param notebook   a {@code notebook} attribute (written by export), null when absent
     */
    public record Subscription(String url, String title, List<String> categories, String notebook) {
        public Subscription {
            categories = List.copyOf(categories);
        }
    }

    private OpmlSubscriptions() {
    }

    /**
     * @throws FeedParseException when the file is not well-formed OPML, with the reason
     */
    public static List<Subscription> read(byte[] file) throws FeedParseException {
        Document doc = FeedXml.read(file);
        String root = doc.hasRootElement() ? doc.getRootElement().getName() : "";
        if (!root.equals("opml")) {
            throw new FeedParseException("not an OPML file: root element <" + root + ">");
        }
        if (doc.getRootElement().getChild("body") == null) {
            throw new FeedParseException("not an OPML file: no <body>");
        }
        Opml opml;
        try {
            OPML20Parser v2 = new OPML20Parser();
            WireFeed wire = v2.isMyType(doc) ? v2.parse(doc, false, Locale.ENGLISH)
                    : new OPML10Parser().parse(doc, false, Locale.ENGLISH);
            opml = (Opml) wire;
        } catch (FeedException | RuntimeException e) {
            throw new FeedParseException("not a valid OPML file: " + e.getMessage(), e);
        }
        List<Subscription> out = new ArrayList<>();
        collect(opml.getOutlines(), List.of(), out, 0);
        return out;
    }

    private static void collect(List<Outline> outlines, List<String> folders, List<Subscription> out, int depth)
            throws FeedParseException {
        if (depth > MAX_DEPTH) {
            throw new FeedParseException("not a valid OPML file: outlines nested more than " + MAX_DEPTH + " deep");
        }
        for (Outline o : outlines) {
            String name = blankToNull(o.getTitle()) != null ? blankToNull(o.getTitle()) : blankToNull(o.getText());
            String url = blankToNull(o.getXmlUrl());
            if (url != null) {
                Set<String> categories = new LinkedHashSet<>(folders);
                for (String c : o.getCategories()) {
                    // OPML 2.0 categories are comma-separated, possibly slash-delimited paths ("/Tech/Java").
                    for (String part : c.split("/")) {
                        if (!part.isBlank()) {
                            categories.add(part.strip());
                        }
                    }
                }
                out.add(new Subscription(url, name, new ArrayList<>(categories),
                        blankToNull(o.getAttributeValue(NOTEBOOK_ATTRIBUTE))));
            }
            if (!o.getChildren().isEmpty()) {
                List<String> inner = new ArrayList<>(folders);
                if (url == null && name != null) {
                    inner.add(name);
                }
                collect(o.getChildren(), inner, out, depth + 1);
            }
        }
    }

    /** An OPML 2.0 document with one {@code type="rss"} outline per subscription. */
    public static String write(String title, List<Subscription> subscriptions) {
        Opml opml = new Opml();
        opml.setFeedType("opml_2.0");
        opml.setTitle(title);
        opml.setCreated(new Date());
        List<Outline> outlines = new ArrayList<>();
        for (Subscription s : subscriptions) {
            Outline o = new Outline();
            o.setType("rss");
            o.setText(s.title() == null ? s.url() : s.title());
            o.setTitle(s.title() == null ? s.url() : s.title());
            o.getAttributes().add(new Attribute("xmlUrl", s.url()));
            o.setCategories(new ArrayList<>(s.categories()));
            if (s.notebook() != null) {
                o.getAttributes().add(new Attribute(NOTEBOOK_ATTRIBUTE, s.notebook()));
            }
            outlines.add(o);
        }
        opml.setOutlines(outlines);
        try {
            return new XMLOutputter(Format.getPrettyFormat()).outputString(new OPML20Generator().generate(opml));
        } catch (FeedException e) {
            throw new IllegalStateException("OPML could not be written: " + e.getMessage(), e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

package org.triggerhappy.camel.notes;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/** One conversion: walks the parsed HTML and writes the ENML body allowed by {@link EnmlPolicy}. */
final class HtmlToEnml implements NodeFilter {

    private final XmlBudgetWriter out;
    private final String baseUrl;
    private final InlineImages images;
    /** Per element descended into: whether a start tag was written (false = unwrapped). */
    private final Deque<Boolean> written = new ArrayDeque<>();

    HtmlToEnml(XmlBudgetWriter out, String baseUrl) {
        this(out, baseUrl, InlineImages.REMOTE);
    }

    HtmlToEnml(XmlBudgetWriter out, String baseUrl, InlineImages images) {
        this.out = out;
        this.baseUrl = baseUrl;
        this.images = images;
    }

    /** Writes the children of {@code body} (jsoup's traversal is iterative: deep nesting cannot overflow). */
    void write(Element body) {
        root = body;
        NodeTraversor.filter(this, body);
    }

    private Node root;

    @Override
    public FilterResult head(Node node, int depth) {
        if (node == root) {
            return FilterResult.CONTINUE;
        }
        if (out.exhausted()) {
            return FilterResult.STOP;
        }
        if (node instanceof TextNode text) { // includes CDataNode
            out.text(text.getWholeText());
            return FilterResult.SKIP_ENTIRELY;
        }
        if (node instanceof DataNode data) { // raw text of an unwrapped xmp/plaintext/noembed
            out.text(data.getWholeData());
            return FilterResult.SKIP_ENTIRELY;
        }
        if (!(node instanceof Element element)) {
            return FilterResult.SKIP_ENTIRELY; // comments, doctype, XML declarations
        }
        String name = element.normalName();
        switch (EnmlPolicy.actionFor(name)) {
            case DROP:
                return FilterResult.SKIP_ENTIRELY;
            case UNWRAP:
                written.push(false);
                return FilterResult.CONTINUE;
            default:
                return keep(element, name) ? FilterResult.CONTINUE : FilterResult.SKIP_ENTIRELY;
        }
    }

    @Override
    public FilterResult tail(Node node, int depth) {
        if (node != root && written.pop()) {
            out.end();
        }
        return FilterResult.CONTINUE;
    }

    private boolean keep(Element element, String name) {
        Map<String, String> attrs = attributes(element, name);
        if (name.equals("img")) {
            String src = UrlPolicy.image(element.attr("src"), baseUrl);
            if (src != null) {
                NoteResource media = images.resourceFor(src, attrs);
                if (media == null) {
                    out.empty("img", pairs("src", src, attrs));
                } else {
                    // en-media takes every attribute kept for img (alt, width, height, align, …) but src
                    out.empty("en-media", pairs("type", media.mime(), pairs("hash", media.md5Hex(), attrs)));
                }
            }
            return false;
        }
        if (EnmlPolicy.isEmptyElement(name)) {
            out.empty(name, pairs(null, null, attrs));
            return false;
        }
        String href = null;
        if (name.equals("a")) {
            href = UrlPolicy.link(element.attr("href"), baseUrl);
            if (href == null) {
                written.push(false); // javascript:, data:, #-less relative without base, …: keep the text only
                return true;
            }
        }
        if (out.openElements() >= EnmlConverter.MAX_DEPTH) {
            written.push(false);
            return true;
        }
        if (!out.start(name, pairs(href == null ? null : "href", href, attrs))) {
            return false;
        }
        written.push(true);
        return true;
    }

    private Map<String, String> attributes(Element element, String name) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (Attribute attribute : element.attributes()) {
            String key = attribute.getKey().toLowerCase(Locale.ROOT);
            String value = attribute.getValue() == null ? "" : attribute.getValue();
            if (key.equals("href") || key.equals("src") || kept.containsKey(key)) {
                continue; // resolved by the caller
            }
            if (key.equals("style")) {
                String style = XmlText.stripNonXml(value).strip();
                if (!style.isEmpty() && EnmlPolicy.isHarmlessStyle(style)) {
                    kept.put(key, style);
                }
            } else if (key.equals("cite")) {
                String cite = UrlPolicy.link(value, baseUrl);
                if (cite != null && EnmlPolicy.allows(name, key)) {
                    kept.put(key, cite);
                }
            } else if (EnmlPolicy.allows(name, key)) {
                kept.put(key, value);
            }
        }
        return kept;
    }

    private static String[] pairs(String firstKey, String firstValue, Map<String, String> attrs) {
        List<String> list = new ArrayList<>(attrs.size() * 2 + 2);
        attrs.forEach((k, v) -> {
            list.add(k);
            list.add(v);
        });
        return pairs(firstKey, firstValue, list.toArray(String[]::new));
    }

    private static String[] pairs(String firstKey, String firstValue, String[] rest) {
        if (firstKey == null) {
            return rest;
        }
        String[] all = new String[rest.length + 2];
        all[0] = firstKey;
        all[1] = firstValue;
        System.arraycopy(rest, 0, all, 2, rest.length);
        return all;
    }
}

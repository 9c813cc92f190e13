package org.triggerhappy.camel.notes;

import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.jsoup.parser.Parser;

/**
 * A note's ENML as HTML a browser shows the way Evernote does: {@code en-note} becomes a div, {@code en-media} the
 * resource's image inline (a {@code data:} URI of its bytes), {@code en-todo} a checkbox, {@code en-crypt} a
 * placeholder. Written from the same allow-list as the notes themselves ({@link EnmlPolicy}), so whatever ENML it is
 * given, the HTML has no script, event handler, form or remote load: an image that stayed remote becomes a link to
 * it, shown as a placeholder, so that opening a preview fetches nothing.
 */
public final class EnmlPreview {
    /** Image types shown inline; any other resource is a placeholder (a data: URI of another type could be active). */
    private static final Set<String> INLINE_TYPES = Set.of("image/gif", "image/jpeg", "image/png");
    private static final Set<String> VOID = Set.of("br", "hr", "img", "col");

    private EnmlPreview() {
    }

    /**
     * @param enml      a complete ENML document
     * @param resources the note's resources; an en-media shows the one whose MD5 its hash names
     * @return an HTML fragment: one {@code <div class="en-note">}
     */
    public static String html(String enml, List<NoteResource> resources) {
        Map<String, NoteResource> byHash = new HashMap<>();
        for (NoteResource r : resources) {
            byHash.put(r.md5Hex(), r);
        }
        Document doc = Jsoup.parse(enml == null ? "" : enml, "", Parser.xmlParser());
        Element note = doc.selectFirst("en-note");
        StringBuilder out = new StringBuilder("<div class=\"en-note\">");
        if (note != null) {
            NodeTraversor.filter(new Writer(note, out, byHash), note);
        }
        return out.append("</div>").toString();
    }

    private static final class Writer implements NodeFilter {
        private final Node root;
        private final StringBuilder out;
        private final Map<String, NoteResource> resources;
        /** Per element descended into: the end tag to write when leaving it ('' = unwrapped). */
        private final Deque<String> ends = new ArrayDeque<>();

        Writer(Node root, StringBuilder out, Map<String, NoteResource> resources) {
            this.root = root;
            this.out = out;
            this.resources = resources;
        }

        @Override
        public FilterResult head(Node node, int depth) {
            return node == root ? FilterResult.CONTINUE
                    : enter(node) ? FilterResult.CONTINUE : FilterResult.SKIP_ENTIRELY;
        }

        @Override
        public FilterResult tail(Node node, int depth) {
            if (node != root) {
                out.append(ends.pop());
            }
            return FilterResult.CONTINUE;
        }

        /** Writes the start of {@code node}; true when its children follow (and its end, from {@link #ends}). */
        private boolean enter(Node node) {
            if (node instanceof TextNode text) {
                out.append(XmlText.escapeText(text.getWholeText()));
                return false;
            }
            if (!(node instanceof Element e)) {
                return false; // comments, processing instructions
            }
            String name = e.normalName();
            switch (name) {
                case "en-media" -> {
                    media(e);
                    return false;
                }
                case "en-todo" -> {
                    out.append("<input type=\"checkbox\" disabled")
                            .append("true".equalsIgnoreCase(e.attr("checked")) ? " checked" : "").append('>');
                    return false;
                }
                case "en-crypt" -> {
                    out.append("<span class=\"en-crypt\">[encrypted text");
                    if (!e.attr("hint").isBlank()) {
                        out.append(", hint: ").append(XmlText.escapeText(e.attr("hint")));
                    }
                    out.append("]</span>");
                    return false;
                }
                case "img" -> {
                    remoteImage(e);
                    return false;
                }
                default -> {
                    return element(e, name);
                }
            }
        }

        private boolean element(Element e, String name) {
            switch (EnmlPolicy.actionFor(name)) {
                case DROP:
                    return false;
                case UNWRAP:
                    ends.push("");
                    return true;
                default:
                    break;
            }
            StringBuilder attrs = attributes(e, name);
            if (name.equals("a")) {
                String href = UrlPolicy.link(e.attr("href"), null);
                if (href == null) {
                    ends.push("");
                    return true;
                }
                attrs.insert(0, " href=\"" + XmlText.escapeAttribute(href) + "\" rel=\"noopener noreferrer\"");
            }
            out.append('<').append(name).append(attrs).append('>');
            if (VOID.contains(name)) {
                return false;
            }
            ends.push("</" + name + ">");
            return true;
        }

        private void media(Element e) {
            NoteResource r = resources.get(e.attr("hash").toLowerCase(Locale.ROOT));
            if (r == null || !INLINE_TYPES.contains(r.mime())) {
                out.append("<span class=\"en-media-missing\">[attachment ").append(XmlText.escapeText(e.attr("type")))
                        .append(" not shown]</span>");
                return;
            }
            out.append("<img src=\"data:").append(r.mime()).append(";base64,")
                    .append(Base64.getEncoder().encodeToString(r.data())).append('"')
                    .append(attributes(e, "img")).append('>');
        }

        private void remoteImage(Element e) {
            String src = UrlPolicy.image(e.attr("src"), null);
            if (src == null) {
                return;
            }
            String alt = e.attr("alt").strip();
            out.append("<a class=\"remote-image\" href=\"").append(XmlText.escapeAttribute(src))
                    .append("\" rel=\"noopener noreferrer\">[remote image").append(alt.isEmpty() ? "" : ": ")
                    .append(XmlText.escapeText(alt)).append("]</a>");
        }

        /** The attributes {@code name} may carry in a note (URLs apart), as {@code  key="value"} pairs. */
        private static StringBuilder attributes(Element e, String name) {
            StringBuilder b = new StringBuilder();
            for (Attribute a : e.attributes()) {
                String key = a.getKey().toLowerCase(Locale.ROOT);
                String value = a.getValue() == null ? "" : a.getValue();
                String kept = null;
                if (key.equals("style")) {
                    kept = EnmlPolicy.isHarmlessStyle(value) ? value : null;
                } else if (key.equals("cite")) {
                    kept = EnmlPolicy.allows(name, key) ? UrlPolicy.link(value, null) : null;
                } else if (!key.equals("href") && !key.equals("src") && EnmlPolicy.allows(name, key)) {
                    kept = value;
                }
                if (kept != null) {
                    b.append(' ').append(key).append("=\"").append(XmlText.escapeAttribute(kept)).append('"');
                }
            }
            return b;
        }
    }
}

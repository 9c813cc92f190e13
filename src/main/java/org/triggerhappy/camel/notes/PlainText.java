package org.triggerhappy.camel.notes;

import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/** The readable text of parsed HTML, with blank lines between blocks so the plain-text note keeps paragraphs. */
final class PlainText implements NodeFilter {

    private static final Set<String> BLOCKS = Set.of("p", "div", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
            "tr", "blockquote", "pre", "table", "ul", "ol", "dl", "hr", "address", "center", "caption", "section",
            "article", "aside", "header", "footer", "nav", "main", "figure", "figcaption", "details", "summary");
    private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f\\r\\n\\u00A0]+");
    private static final Pattern BLANK_LINES = Pattern.compile(" *\\n[ \\n]*\\n *");
    private static final Pattern LINE_EDGES = Pattern.compile(" *\\n *");

    private final StringBuilder text = new StringBuilder();
    private int preDepth;

    private final Node root;

    private PlainText(Node root) {
        this.root = root;
    }

    static String of(Element root) {
        PlainText visitor = new PlainText(root);
        NodeTraversor.filter(visitor, root);
        String s = BLANK_LINES.matcher(visitor.text).replaceAll("\n\n");
        return LINE_EDGES.matcher(s).replaceAll("\n").strip();
    }

    @Override
    public FilterResult head(Node node, int depth) {
        if (node == root) {
            return FilterResult.CONTINUE;
        }
        if (node instanceof TextNode t) {
            text.append(preDepth > 0 ? t.getWholeText() : SPACES.matcher(t.getWholeText()).replaceAll(" "));
            return FilterResult.SKIP_ENTIRELY;
        }
        if (!(node instanceof Element e) || EnmlPolicy.actionFor(e.normalName()) == EnmlPolicy.Action.DROP) {
            return FilterResult.SKIP_ENTIRELY; // comments, scripts, styles, forms…
        }
        String name = e.normalName();
        if (name.equals("br")) {
            text.append('\n');
        } else if (BLOCKS.contains(name)) {
            text.append("\n\n");
        } else if (name.equals("td") || name.equals("th")) {
            text.append(' ');
        }
        if (name.equals("pre")) {
            preDepth++;
        }
        return FilterResult.CONTINUE;
    }

    @Override
    public FilterResult tail(Node node, int depth) {
        if (node == root) {
            return FilterResult.CONTINUE;
        }
        String name = ((Element) node).normalName();
        if (name.equals("pre")) {
            preDepth--;
        }
        if (BLOCKS.contains(name)) {
            text.append("\n\n");
        }
        return FilterResult.CONTINUE;
    }
}

package org.triggerhappy.camel.articles;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * Bounds the work on one page. Readability computes the text of many subtrees and edits the tree as it goes,
 * which costs about elements × depth, and elements × siblings where a parent has very many children; on a
 * hostile page (100,000 nested or sibling divs) that ran for minutes. So the parser caps the nesting (deeper
 * elements are flattened, their text kept), scripts, styles and SVG go first, and elements past a total count,
 * or past a count of children under one parent, are dropped in document order: real article pages stay below
 * every cap (the evaluation set's largest has a fifth of the element cap), and their article comes early.
 */
final class PageBudget {

    static final int MAX_ELEMENTS = 10_000;
    static final int MAX_CHILDREN = 1_000;
    static final int MAX_DEPTH = 100;

    private static final Evaluator NEVER_CONTENT = QueryParser.parse("script, style, template, svg, link[rel=stylesheet]");

    private PageBudget() {
    }

    /** The HTML parser with the nesting cap. */
    static Parser parser() {
        return Parser.htmlParser().setMaxDepth(MAX_DEPTH);
    }

    /** Drops what is over the caps; returns how many elements (subtree roots) were dropped. */
    static int trim(Document doc) {
        return trim(doc, MAX_ELEMENTS, MAX_CHILDREN);
    }

    static int trim(Document doc, int maxElements, int maxChildren) {
        // never content, and on some pages most of the elements (inline SVG icons): they must not use the budget
        removeAll(doc.select(NEVER_CONTENT));
        List<Element> over = new ArrayList<>();
        Map<Element, Integer> children = new IdentityHashMap<>();
        int[] seen = {0};
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (!(node instanceof Element e) || node instanceof Document) {
                    return FilterResult.CONTINUE;
                }
                int index = e.parent() == null ? 0 : children.merge(e.parent(), 1, Integer::sum);
                // the first element over a cap takes its subtree with it
                if (++seen[0] > maxElements || index > maxChildren) {
                    over.add(e);
                    return FilterResult.SKIP_ENTIRELY;
                }
                return FilterResult.CONTINUE;
            }
        }, doc);
        removeAll(over);
        return over.size();
    }

    /** Element.remove() re-indexes the siblings each time: one rebuild per parent keeps this linear. */
    private static void removeAll(List<Element> doomed) {
        if (doomed.isEmpty()) {
            return;
        }
        Map<Element, Set<Node>> byParent = new IdentityHashMap<>();
        for (Element e : doomed) {
            byParent.computeIfAbsent(e.parent(), p -> Collections.newSetFromMap(new IdentityHashMap<>())).add(e);
        }
        byParent.forEach((parent, gone) -> {
            List<Node> kept = new ArrayList<>(parent.childNodeSize());
            for (Node n : parent.childNodes()) {
                if (!gone.contains(n)) {
                    kept.add(n);
                }
            }
            parent.empty();
            parent.appendChildren(kept);
        });
    }
}

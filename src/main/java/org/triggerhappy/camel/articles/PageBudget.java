package org.triggerhappy.camel.articles;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Bounds the work on one page. jsoup's parser caps the nesting depth (512 by default) and Readability's
 * passes are linear in the elements times a small depth factor, so capping the element count bounds the time:
 * elements past the cap, in document order, are dropped (an article sits well before that on real pages).
 */
final class PageBudget {

    static final int MAX_ELEMENTS = 40_000;

    private PageBudget() {
    }

    /** Drops the elements after the first {@link #MAX_ELEMENTS}; returns how many were dropped. */
    static int trim(Document doc) {
        return trim(doc, MAX_ELEMENTS);
    }

    static int trim(Document doc, int max) {
        List<Element> over = new ArrayList<>();
        int[] seen = {0};
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(org.jsoup.nodes.Node node, int depth) {
                if (node instanceof Element e && !(node instanceof Document) && ++seen[0] > max) {
                    // the first element over the cap takes its subtree; later ones inside it are skipped
                    if (over.isEmpty() || !isInside(e, over.get(over.size() - 1))) {
                        over.add(e);
                    }
                }
            }
        }, doc);
        over.forEach(Element::remove);
        return Math.max(0, seen[0] - max);
    }

    private static boolean isInside(Element e, Element ancestor) {
        for (Element p = e.parent(); p != null; p = p.parent()) {
            if (p == ancestor) {
                return true;
            }
        }
        return false;
    }
}

package org.triggerhappy.camel.articles;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.jsoup.select.Selector;

/** The article as a trigger's CSS selector names it: every match in document order, nested matches once. */
final class SelectorPick {

    private SelectorPick() {
    }

    static Optional<Picked> pick(Document doc, String selector) {
        Elements matches;
        try {
            matches = doc.select(selector);
        } catch (Selector.SelectorParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
        Set<Element> matched = Collections.newSetFromMap(new IdentityHashMap<>());
        matched.addAll(matches);
        Element wrapper = new Element("div");
        for (Element match : matches) {
            if (!hasMatchedAncestor(match, matched)) {
                wrapper.appendChild(match.clone());
            }
        }
        return wrapper.childrenSize() == 0 ? Optional.empty() : Optional.of(new Picked(wrapper, doc.title(), false));
    }

    private static boolean hasMatchedAncestor(Element e, Set<Element> matches) {
        for (Element p = e.parent(); p != null; p = p.parent()) {
            if (matches.contains(p)) {
                return true;
            }
        }
        return false;
    }
}

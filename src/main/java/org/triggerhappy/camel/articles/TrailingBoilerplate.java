package org.triggerhappy.camel.articles;

import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

/**
 * Cuts the tail sites append to an article body inside the same container: "Related coverage", "You may also
 * like", "Tags", "Sign up for our newsletter", "Share this". A short block starting with such a cue, in the
 * last part of the text, is removed with everything after it.
 */
final class TrailingBoilerplate {

    private static final Pattern CUE = Pattern.compile("(?i)^\\W*(related( coverage| stories| articles| posts|"
            + " content| links| news| topics)?|you (may|might) (also )?like|more (from|on|stories|news|"
            + "coverage|about)|read (more|next|also)|see also|recommended( for you)?|tags?|topics|filed under|"
            + "sign up|subscribe|share (this|on)|follow us|most (popular|read)|trending|comments?)\\b");
    private static final int MAX_CUE_TEXT = 120;
    /** Only a tail: a cue in the first part of the text is a subheading of the article. */
    private static final double TAIL_START = 0.6;

    private TrailingBoilerplate() {
    }

    static void cut(Element content) {
        int total = content.text().length();
        if (total == 0) {
            return;
        }
        int[] seen = {0};
        Element cue = findCue(content, total, seen);
        if (cue == null) {
            return;
        }
        // everything after the cue goes: its later siblings, then each ancestor's, up to the content root
        for (Element e = cue; e != content && e.parent() != null; e = e.parent()) {
            Element parent = e.parent();
            for (Node n : List.copyOf(parent.childNodes().subList(e.siblingIndex() + 1, parent.childNodeSize()))) {
                n.remove();
            }
        }
        cue.remove();
    }

    /** The first block element, in document order, that starts a tail; null when there is none. */
    private static Element findCue(Element content, int total, int[] seen) {
        for (Element e : content.select("h2, h3, h4, h5, h6, p, div, section, strong, b, span, li")) {
            String text = e.text();
            if (text.isEmpty() || text.length() > MAX_CUE_TEXT || !CUE.matcher(text).find()) {
                continue;
            }
            int before = textBefore(content, e);
            if (before >= total * TAIL_START) {
                return e;
            }
        }
        return null;
    }

    private static int textBefore(Element root, Element target) {
        StringBuilder sb = new StringBuilder();
        org.jsoup.select.NodeTraversor.filter(new org.jsoup.select.NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node == target) {
                    return FilterResult.STOP;
                }
                if (node instanceof org.jsoup.nodes.TextNode t) {
                    sb.append(t.text());
                }
                return FilterResult.CONTINUE;
            }
        }, root);
        return sb.toString().replaceAll("\\s+", " ").length();
    }
}

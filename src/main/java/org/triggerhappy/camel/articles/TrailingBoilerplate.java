package org.triggerhappy.camel.articles;

import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * Cuts the tail sites append to an article body inside the same container: "Related coverage", "You may also
 * like", "Tags", "Sign up for our newsletter", "Share this". A short block starting with such a cue, in the
 * last part of the text, goes with everything after it when that tail is mostly links or short; elsewhere a
 * cue line ("Related: a link") goes alone when it is mostly a link.
 */
final class TrailingBoilerplate {

    private static final Pattern CUE = Pattern.compile("(?i)^\\W*(related( coverage| stories| articles| posts|"
            + " content| links| news| topics)?|you (may|might) (also )?like|more (from|on|stories|news|"
            + "coverage|about)|read (more|next|also)|see also|recommended( for you)?|tags?|topics|filed under|"
            + "sign up|subscribe|share (this|on)|follow us|most (popular|read)|trending|comments?)\\b");
    private static final int MAX_CUE_TEXT = 120;
    /** Only a tail: a cue in the first part of the text is a subheading of the article. */
    private static final double TAIL_START = 0.6;
    /** A tail this short (share of the text) goes whatever it holds. */
    private static final double SHORT_TAIL = 0.15;
    private static final Evaluator BLOCKS = QueryParser.parse("h2, h3, h4, h5, h6, p, div, section, strong, b, span, li");
    private static final Evaluator LINES = QueryParser.parse("p, li, h2, h3, h4, h5, h6");
    private static final Evaluator LINK = QueryParser.parse("a");

    private TrailingBoilerplate() {
    }

    static void cut(Element content) {
        int total = Texts.length(content);
        if (total == 0) {
            return;
        }
        for (Element cue : content.select(BLOCKS)) {
            if (cue.parent() == null) {
                continue;
            }
            String text = Texts.prefix(cue, MAX_CUE_TEXT);
            if (text.isEmpty() || text.length() > MAX_CUE_TEXT || !CUE.matcher(text).find()) {
                continue;
            }
            Split split = Split.at(content, cue);
            if (split.before() >= total * TAIL_START
                    && (split.tail() <= total * SHORT_TAIL || split.tailLinked() * 2 >= split.tail())) {
                removeFrom(content, cue);
                return;
            }
            Element line = cue.closest(LINES);
            if (line != null && line != content && Boilerplate.unlinkedText(line) * 2 < Texts.length(line)) {
                line.remove();
            }
        }
    }

    /** Removes {@code cue} and everything after it: its later siblings, then each ancestor's, up to the root. */
    private static void removeFrom(Element content, Element cue) {
        for (Element e = cue; e != content && e.parent() != null; e = e.parent()) {
            Element parent = e.parent();
            for (Node n : List.copyOf(parent.childNodes().subList(e.siblingIndex() + 1, parent.childNodeSize()))) {
                n.remove();
            }
        }
        cue.remove();
    }

    /** Characters of text before a node, and from it to the end (all, and inside links). */
    private record Split(int before, int tail, int tailLinked) {

        static Split at(Element root, Element cue) {
            int[] counts = new int[3];
            boolean[] inTail = {false};
            NodeTraversor.traverse(new NodeVisitor() {
                @Override
                public void head(Node node, int depth) {
                    if (node == cue) {
                        inTail[0] = true;
                    }
                    if (node instanceof TextNode t) {
                        int length = t.text().strip().length();
                        if (!inTail[0]) {
                            counts[0] += length;
                        } else {
                            counts[1] += length;
                            if (t.parent() != null && t.parent().closest(LINK) != null) {
                                counts[2] += length;
                            }
                        }
                    }
                }
            }, root);
            return new Split(counts[0], counts[1], counts[2]);
        }
    }
}

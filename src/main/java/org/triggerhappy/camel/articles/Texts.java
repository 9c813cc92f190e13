package org.triggerhappy.camel.articles;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * The text of an element as {@link Element#text()} reads it (whitespace runs collapsed, blocks and line breaks
 * separated by a space, ends trimmed, invisible characters dropped), measured without building it, or only its
 * beginning. Extraction compares text lengths of many subtrees; building each text (one code point at a time)
 * was most of its work.
 */
final class Texts {

    private Texts() {
    }

    /** The length {@code e.text()} has, within a separator or so where inline and block elements meet. */
    static int length(Element e) {
        Walk w = new Walk(Integer.MAX_VALUE, false);
        NodeTraversor.filter(w, e);
        return w.length;
    }

    /** The first characters of {@code e.text()}: at most {@code max + 1}, so a longer text shows as such. */
    static String prefix(Element e, int max) {
        Walk w = new Walk(max + 1, true);
        NodeTraversor.filter(w, e);
        return w.text.toString();
    }

    /** How often {@code c} (not whitespace) occurs in the text under {@code e}. */
    static int count(Element e, char c) {
        int[] n = {0};
        NodeTraversor.traverse((node, depth) -> {
            if (node instanceof TextNode t) {
                n[0] += count(t.getWholeText(), c);
            }
        }, e);
        return n[0];
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = s.indexOf(c); i >= 0; i = s.indexOf(c, i + 1)) {
            n++;
        }
        return n;
    }

    private static final class Walk implements NodeFilter {
        private final int max;
        private final StringBuilder text;
        int length;
        private boolean space;

        Walk(int max, boolean keep) {
            this.max = max;
            this.text = keep ? new StringBuilder() : null;
        }

        @Override
        public FilterResult head(Node node, int depth) {
            if (node instanceof TextNode t) {
                add(t.getWholeText());
            } else if (node instanceof Element el && (el.isBlock() || el.nameIs("br"))) {
                separate();
            }
            return length >= max ? FilterResult.STOP : FilterResult.CONTINUE;
        }

        @Override
        public FilterResult tail(Node node, int depth) {
            if (node instanceof Element el && el.isBlock()) {
                separate();
            }
            return FilterResult.CONTINUE;
        }

        private void separate() {
            if (length > 0) {
                space = true;
            }
        }

        private void add(String s) {
            for (int i = 0, n = s.length(); i < n && length < max; i++) {
                char c = s.charAt(i);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == 160) {
                    separate();
                } else if (c != 8203 && c != 173) {
                    if (space) {
                        append(' ');
                        space = false;
                        if (length >= max) {
                            return;
                        }
                    }
                    append(c);
                }
            }
        }

        private void append(char c) {
            length++;
            if (text != null) {
                text.append(c);
            }
        }
    }
}

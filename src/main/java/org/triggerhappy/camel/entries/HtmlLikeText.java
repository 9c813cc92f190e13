package org.triggerhappy.camel.entries;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.nodes.Entities;

/**
 * Decides whether content a feed marks as plain text (RSS 0.9x/1.0 descriptions, Atom {@code type="text"}) is in
 * fact HTML, which publishers routinely put there. Python feedparser's heuristic, conservative on purpose because a
 * false positive loses text: at least one end tag or entity reference, every tag a known HTML element, every named
 * entity a real one. "a &lt; b and c &gt; d" or "5 &lt;3" stay text.
 */
final class HtmlLikeText {

    private static final Pattern END_TAG = Pattern.compile("</\\w+>");
    private static final Pattern ENTITY = Pattern.compile("&#?\\w+;");
    private static final Pattern TAG_NAME = Pattern.compile("</?(\\w+)");
    private static final Pattern NAMED_ENTITY = Pattern.compile("&(\\w+);");

    /** feedparser's acceptable_elements, plus a few newer ones feeds carry (iframe, picture, main, mark, wbr). */
    private static final Set<String> KNOWN_ELEMENTS = Set.of("a", "abbr", "acronym", "address", "area", "article",
            "aside", "audio", "b", "big", "blockquote", "br", "button", "canvas", "caption", "center", "cite", "code",
            "col", "colgroup", "command", "datagrid", "datalist", "dd", "del", "details", "dfn", "dialog", "dir", "div",
            "dl", "dt", "em", "fieldset", "figcaption", "figure", "font", "footer", "form", "h1", "h2", "h3", "h4",
            "h5", "h6", "header", "hr", "i", "iframe", "img", "input", "ins", "kbd", "keygen", "label", "legend", "li",
            "m", "main", "map", "mark", "menu", "meter", "multicol", "nav", "nextid", "noscript", "ol", "optgroup",
            "option", "output", "p", "picture", "pre", "progress", "q", "s", "samp", "section", "select", "small",
            "sound", "source", "spacer", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td",
            "textarea", "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul", "var", "video", "wbr");

    private HtmlLikeText() {
    }

    static boolean looksLikeHtml(String text) {
        if (!END_TAG.matcher(text).find() && !ENTITY.matcher(text).find()) {
            return false;
        }
        Matcher tag = TAG_NAME.matcher(text);
        while (tag.find()) {
            if (!KNOWN_ELEMENTS.contains(tag.group(1).toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        Matcher entity = NAMED_ENTITY.matcher(text);
        while (entity.find()) {
            if (!Entities.isNamedEntity(entity.group(1))) {
                return false;
            }
        }
        return true;
    }
}

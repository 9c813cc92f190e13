package org.triggerhappy.camel.notes;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The allow-list: which HTML elements survive in ENML, with which attributes (a subset of what the ENML 2 DTD
 * declares for each), and which elements go away together with their content. Anything else is unwrapped.
 */
final class EnmlPolicy {

    /** What to do with an element found in the feed HTML. */
    enum Action { KEEP, UNWRAP, DROP }

    // %coreattrs; minus style (checked separately) + %i18n; minus xml:lang (no use in notes).
    private static final Set<String> COMMON = Set.of("title", "lang", "dir");

    private static final Map<String, Set<String>> ATTRIBUTES = buildAttributes();

    /**
     * Elements whose content is code, embedded objects, form controls or metadata: never note text. Embedded media
     * reach this list only when {@link EmbedLinks} found no http(s) URL to link to instead.
     */
    private static final Set<String> DROPPED = Set.of(
            "script", "style", "iframe", "frame", "frameset", "noframes", "object", "embed", "applet", "param",
            "form", "input", "button", "select", "option", "optgroup", "datalist", "textarea", "output", "keygen",
            "noscript", "template", "head", "title", "meta", "link", "base", "basefont", "bgsound", "isindex",
            "svg", "math", "canvas", "video", "audio", "source", "track", "dialog", "slot", "portal",
            "area", "xml", "menu", "menuitem");

    /** Elements written as {@code <x/>}; everything else gets an explicit end tag. */
    private static final Set<String> EMPTY = Set.of("br", "hr", "img", "col");

    /** CSS that can fetch, run code or cover the reader's screen. */
    private static final Pattern UNSAFE_STYLE = Pattern.compile(
            "url\\(|expression|javascript:|vbscript:|behavior|binding|@import|position|[\\\\<>]|/\\*|&#",
            Pattern.CASE_INSENSITIVE);
    private static final int STYLE_MAX = 1_000;

    private EnmlPolicy() {
    }

    static Action actionFor(String element) {
        if (ATTRIBUTES.containsKey(element)) {
            return Action.KEEP;
        }
        return DROPPED.contains(element) ? Action.DROP : Action.UNWRAP;
    }

    static boolean isEmptyElement(String element) {
        return EMPTY.contains(element);
    }

    /** True when {@code attribute} may be copied as-is onto {@code element} (URLs and style are handled apart). */
    static boolean allows(String element, String attribute) {
        Set<String> own = ATTRIBUTES.get(element);
        if (own == null) {
            return false;
        }
        if (element.equals("br")) {
            return attribute.equals("title") || own.contains(attribute); // br has no %i18n; in the DTD
        }
        return COMMON.contains(attribute) || own.contains(attribute);
    }

    /** Style is kept when short and free of anything that loads or executes; otherwise the attribute is dropped. */
    static boolean isHarmlessStyle(String style) {
        return style.length() <= STYLE_MAX && !UNSAFE_STYLE.matcher(style).find();
    }

    static Set<String> keptElements() {
        return ATTRIBUTES.keySet();
    }

    static Set<String> ownAttributes(String element) {
        return ATTRIBUTES.getOrDefault(element, Set.of());
    }

    static Set<String> commonAttributes() {
        return COMMON;
    }

    private static Map<String, Set<String>> buildAttributes() {
        Map<String, Set<String>> m = new HashMap<>();
        for (String plain : new String[] {"abbr", "acronym", "address", "b", "big", "center", "cite", "code", "dd",
                "dfn", "dl", "dt", "em", "i", "kbd", "s", "samp", "small", "span", "strike", "strong", "sub",
                "sup", "tt", "u", "var", "bdo"}) {
            m.put(plain, Set.of());
        }
        m.put("font", Set.of("size", "color", "face"));
        // href/src/cite are URLs: the converter resolves and checks them before writing.
        m.put("a", Set.of("href", "name", "rel", "hreflang", "type", "charset"));
        m.put("img", Set.of("src", "alt", "width", "height", "align", "border", "hspace", "vspace"));
        m.put("blockquote", Set.of("cite"));
        m.put("q", Set.of("cite"));
        m.put("del", Set.of("cite", "datetime"));
        m.put("ins", Set.of("cite", "datetime"));
        m.put("br", Set.of("clear"));
        m.put("hr", Set.of("align", "noshade", "size", "width"));
        m.put("caption", Set.of("align"));
        for (String aligned : new String[] {"div", "p", "h1", "h2", "h3", "h4", "h5", "h6"}) {
            m.put(aligned, Set.of("align"));
        }
        m.put("pre", Set.of("width"));
        m.put("ol", Set.of("type", "start"));
        m.put("ul", Set.of("type"));
        m.put("li", Set.of("type", "value"));
        m.put("table", Set.of("summary", "width", "border", "cellspacing", "cellpadding", "align", "bgcolor"));
        for (String section : new String[] {"tbody", "thead", "tfoot"}) {
            m.put(section, Set.of("align", "valign"));
        }
        m.put("tr", Set.of("align", "valign", "bgcolor"));
        Set<String> cell = Set.of("align", "valign", "abbr", "rowspan", "colspan", "nowrap", "bgcolor", "width", "height");
        m.put("td", cell);
        m.put("th", cell);
        m.put("col", Set.of("align", "valign", "span", "width"));
        m.put("colgroup", Set.of("align", "valign", "span", "width"));
        return Map.copyOf(m);
    }
}

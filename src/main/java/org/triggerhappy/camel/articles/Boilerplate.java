package org.triggerhappy.camel.articles;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Element;

/**
 * Removes the parts of a page that are never the article: cookie and consent banners, share bars, comment
 * sections, related-links and newsletter boxes, navigation, sidebars, footers. They are recognised by tag, ARIA
 * role, and words in their class, id or aria-label. An element holding a good share of the page's paragraph
 * text is kept whatever its name says: sites name article wrappers oddly ("and-w-sidebar", "modal-enabled",
 * "field-label-hidden"), and Readability then decides.
 */
final class Boilerplate {

    private static final Set<String> TAGS = Set.of("nav", "aside", "footer", "dialog", "menu");
    private static final Set<String> ROLES = Set.of("navigation", "banner", "contentinfo", "complementary",
            "search", "dialog", "alertdialog", "menu", "menubar", "toolbar");
    /** Words of a class or id, split at "-", "_", camelCase and spaces. */
    private static final Set<String> WORDS = Set.of(
            "cookie", "cookies", "consent", "gdpr", "cmp", "newsletter", "subscribe", "subscription", "signup",
            "share", "sharing", "sharebar", "social", "socials", "comment", "comments", "disqus", "respond",
            "related", "recommended", "recommendations", "recirc", "recirculation", "outbrain", "taboola",
            "promo", "sponsor", "sponsored", "advert", "advertisement", "ad", "ads", "adslot", "dfp",
            "breadcrumb", "breadcrumbs", "sidebar", "footer", "nav", "navbar", "navigation", "menu", "masthead",
            "popup", "modal", "overlay", "paywall", "banner", "toolbar", "widget", "trending", "popular",
            "newsletters", "tags", "tagcloud", "pagination", "pager", "skip", "print", "hidden", "sr");
    /** Elements holding more than this share of the page's text outside links are never boilerplate. */
    private static final double MAX_TEXT_SHARE = 0.25;

    private Boilerplate() {
    }

    /** Removes the boilerplate under {@code root}; returns how many elements went. */
    static int strip(Element root) {
        int pageText = Math.max(1, unlinkedText(root));
        List<Element> doomed = new ArrayList<>();
        for (Element e : root.getAllElements()) {
            if (e != root && isBoilerplate(e) && !hasDoomedAncestor(e, doomed)
                    && unlinkedText(e) <= pageText * MAX_TEXT_SHARE) {
                doomed.add(e);
            }
        }
        doomed.forEach(Element::remove);
        return doomed.size();
    }

    /** Characters of text under {@code e} outside links: what a menu or a list of headlines lacks. */
    static int unlinkedText(Element e) {
        int links = 0;
        for (Element a : e.getElementsByTag("a")) {
            links += Texts.length(a);
        }
        return Math.max(0, Texts.length(e) - links);
    }

    static boolean isBoilerplate(Element e) {
        String tag = e.normalName();
        if (tag.equals("html") || tag.equals("body") || tag.equals("main") || tag.equals("article")) {
            return false;
        }
        if (TAGS.contains(tag) || ROLES.contains(e.attr("role").toLowerCase(Locale.ROOT))) {
            return true;
        }
        if (e.hasAttr("hidden") || e.attr("aria-hidden").equals("true") || isDisplayNone(e)) {
            return true;
        }
        return ClassWords.any(WORDS, e.className(), e.id(), e.attr("aria-label"));
    }

    private static boolean isDisplayNone(Element e) {
        String style = e.attr("style");
        return !style.isEmpty() && style.replace(" ", "").toLowerCase(Locale.ROOT).contains("display:none");
    }

    /** Elements come in document order, so only the last doomed one can be an ancestor. */
    private static boolean hasDoomedAncestor(Element e, List<Element> doomed) {
        if (doomed.isEmpty()) {
            return false;
        }
        Element last = doomed.get(doomed.size() - 1);
        for (Element p = e.parent(); p != null; p = p.parent()) {
            if (p == last) {
                return true;
            }
        }
        return false;
    }
}

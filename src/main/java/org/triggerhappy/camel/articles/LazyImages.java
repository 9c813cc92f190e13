package org.triggerhappy.camel.articles;

import java.util.List;
import java.util.Locale;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.jsoup.select.Elements;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * Turns lazy-loaded images into real ones and makes image and link URLs absolute.
 *
 * <p>Sites ship a placeholder in {@code src} (a data: GIF, a 1×1 spacer) and the real address in
 * {@code data-src}, {@code data-original}, {@code data-lazy-src}, {@code data-srcset}/{@code srcset}, or in a
 * {@code <noscript><img></noscript>} beside the placeholder; scripts swap them in a browser, never in a note.
 */
public final class LazyImages {

    private static final List<String> LAZY_SRC = List.of("data-src", "data-original", "data-lazy-src",
            "data-lazy", "data-url", "data-hi-res-src", "data-full-src");
    private static final List<String> LAZY_SRCSET = List.of("data-srcset", "data-lazy-srcset", "srcset");
    // parsed once: jsoup parses a string query on every call
    private static final Evaluator LINKS = QueryParser.parse("a[href]");
    private static final Evaluator IMG = QueryParser.parse("img");
    private static final Evaluator SOURCES = QueryParser.parse("source[srcset], source[data-srcset]");
    private static final Evaluator BASE = QueryParser.parse("base[href]");
    /** Width asked of a srcset: a note is read on a phone or a laptop, not printed. */
    static final int PREFERRED_WIDTH = 1024;

    private LazyImages() {
    }

    /**
     * Makes lazy images real, resolves {@code img src} and {@code a href} against {@code baseUrl} (or the
     * page's {@code <base href>} when {@code root} sits in a document that has one), and drops 1×1 tracking
     * pixels and images left with only a data: placeholder.
     */
    public static void normalize(Element root, String baseUrl) {
        normalizeAgainst(root, effectiveBase(root, baseUrl));
    }

    /** As {@link #normalize}, with {@code base} already the effective base (see {@link #effectiveBase}). */
    static void normalizeAgainst(Element root, String base) {
        revealImages(root, base);
        for (Element a : root.select(LINKS)) {
            String absolute = Urls.absoluteAny(base, a.attr("href"));
            if (absolute != null) {
                a.attr("href", absolute);
            }
        }
    }

    /** The image half of {@link #normalize}: lazy images made real and absolute, pixels and placeholders gone. */
    static void revealImages(Element root, String base) {
        for (Element noscript : root.getElementsByTag("noscript")) {
            revealNoscript(noscript);
        }
        for (Element picture : root.getElementsByTag("picture")) {
            Element img = picture.selectFirst(IMG);
            if (img != null && realSrc(img) == null) {
                Element source = picture.selectFirst(SOURCES);
                if (source != null) {
                    img.attr("srcset", source.hasAttr("srcset") ? source.attr("srcset") : source.attr("data-srcset"));
                }
            }
        }
        for (Element img : root.getElementsByTag("img")) {
            String src = realSrc(img);
            String absolute = src == null ? null : Urls.absolute(base, src);
            if (absolute == null || isTrackingPixel(img)) {
                img.remove();
                continue;
            }
            img.attr("src", absolute);
            for (String attr : LAZY_SRC) {
                img.removeAttr(attr);
            }
            for (String attr : LAZY_SRCSET) {
                img.removeAttr(attr);
            }
            img.removeAttr("sizes").removeAttr("loading");
        }
    }

    /** The address the image would show in a browser once its scripts ran, or null. */
    private static String realSrc(Element img) {
        for (String attr : LAZY_SRC) {
            String value = img.attr(attr).strip();
            if (!value.isEmpty() && !isDataUri(value)) {
                return value;
            }
        }
        for (String attr : LAZY_SRCSET) {
            String pick = Srcset.pick(img.attr(attr), PREFERRED_WIDTH);
            if (pick != null && !isDataUri(pick)) {
                return pick;
            }
        }
        String src = img.attr("src").strip();
        return src.isEmpty() || isDataUri(src) ? null : src;
    }

    /**
     * A {@code <noscript>} whose content is an image replaces the placeholder image just before it (or stands
     * alone when there is none); other noscripts are left to the cleaners.
     */
    private static void revealNoscript(Element noscript) {
        // jsoup keeps a noscript's content as text when it is parsed with scripting on
        String inner = noscript.children().isEmpty() ? noscript.data() + noscript.text() : noscript.html();
        if (!inner.toLowerCase(Locale.ROOT).contains("<img")) {
            return;
        }
        Elements images = Parser.parseBodyFragment(inner, noscript.baseUri()).getElementsByTag("img");
        if (images.size() != 1) {
            return;
        }
        Element real = images.first();
        Element previous = noscript.previousElementSibling();
        Element placeholder = previous == null ? null
                : previous.tagName().equals("img") ? previous : previous.selectFirst(IMG);
        if (placeholder != null && (realSrc(placeholder) == null || isTrackingPixel(placeholder))) {
            placeholder.remove();
        }
        noscript.replaceWith(real);
    }

    private static boolean isTrackingPixel(Element img) {
        return isTiny(img.attr("width")) && isTiny(img.attr("height"));
    }

    private static boolean isTiny(String dimension) {
        String digits = dimension.strip().replaceFirst("px$", "");
        return digits.equals("0") || digits.equals("1");
    }

    private static boolean isDataUri(String value) {
        return value.regionMatches(true, 0, "data:", 0, 5);
    }

    /** The page's {@code <base href>} resolved against {@code baseUrl} when {@code root}'s document has one. */
    static String effectiveBase(Element root, String baseUrl) {
        Document doc = root.ownerDocument();
        if (doc != null) {
            Element baseTag = doc.selectFirst(BASE);
            if (baseTag != null) {
                String resolved = Urls.absolute(baseUrl, baseTag.attr("href"));
                if (resolved != null) {
                    return resolved;
                }
            }
        }
        return baseUrl;
    }
}

package org.triggerhappy.camel.entries;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jsoup.Jsoup;

/**
 * The images an entry carries beside its content: {@code <enclosure type="image/…">} (RSS, Atom
 * {@code rel="enclosure"}), Media RSS {@code media:content} of an image and, when there is none, the entry's first
 * {@code media:thumbnail}. They are appended to the content as {@code <img>}, so the note shows them like any
 * image in the text. Media RSS is read from ROME's foreign markup: no extra module to parse every feed with.
 */
final class ImageEnclosures {

    static final Namespace MEDIA = Namespace.getNamespace("http://search.yahoo.com/mrss/");

    /** A note embeds at most 100 images; more enclosures than that are a hostile feed, not a gallery. */
    static final int MAX_IMAGES = 100;

    private ImageEnclosures() {
    }

    /**
     * {@code contentHtml} (may be null) with an {@code <img>} appended for each image not already shown in it.
     *
     * @param base      base of the feed's URLs (feed URL, xml:base)
     * @param entryLink the entry's absolute link, base of the content's own relative URLs; may be null
     */
    static String appendTo(String contentHtml, SyndEntry entry, URI base, String entryLink) {
        return appendTo(contentHtml, imageUrls(entry, base), base, entryLink);
    }

    /** As above, with the absolute image URLs already gathered (a JSON Feed's image and attachments). */
    static String appendTo(String contentHtml, Set<String> images, URI base, String entryLink) {
        if (images.isEmpty()) {
            return contentHtml;
        }
        String content = contentHtml == null ? "" : contentHtml;
        if (!content.isEmpty()) {
            images.removeAll(imagesIn(content, entryLink == null ? base : AbsoluteLinks.base(entryLink)));
        }
        if (images.isEmpty()) {
            return contentHtml;
        }
        StringBuilder html = new StringBuilder(content);
        for (String url : images) {
            html.append("<p><img src=\"").append(Html.escape(url)).append("\"/></p>");
        }
        return html.toString();
    }

    /** Absolute http(s) URLs of the entry's image enclosures and media, in feed order, each once. */
    static Set<String> imageUrls(SyndEntry entry, URI base) {
        Set<String> urls = new LinkedHashSet<>();
        for (SyndEnclosure enclosure : entry.getEnclosures()) {
            if (isImageType(enclosure.getType())) {
                add(urls, base, enclosure.getUrl());
            }
        }
        List<Element> contents = new ArrayList<>();
        List<Element> thumbnails = new ArrayList<>();
        collectMedia(entry.getForeignMarkup(), contents, thumbnails, 0);
        for (Element content : contents) {
            String medium = content.getAttributeValue("medium");
            if ("image".equalsIgnoreCase(medium) || isImageType(content.getAttributeValue("type"))) {
                add(urls, base, content.getAttributeValue("url"));
            }
        }
        if (urls.isEmpty()) {
            for (Element thumbnail : thumbnails) {
                if (add(urls, base, thumbnail.getAttributeValue("url"))) {
                    break; // further thumbnails are usually other sizes of the same picture
                }
            }
        }
        return urls;
    }

    /** media:content and media:thumbnail at entry level, in media:group and inside media:content. */
    private static void collectMedia(List<Element> elements, List<Element> contents, List<Element> thumbnails,
            int depth) {
        if (elements == null || depth > 2) {
            return;
        }
        for (Element element : elements) {
            if (!MEDIA.getURI().equals(element.getNamespaceURI())) {
                continue;
            }
            switch (element.getName()) {
                case "content" -> {
                    contents.add(element);
                    collectMedia(element.getChildren(), contents, thumbnails, depth + 1);
                }
                case "thumbnail" -> thumbnails.add(element);
                case "group" -> collectMedia(element.getChildren(), contents, thumbnails, depth + 1);
                default -> { }
            }
        }
    }

    private static Set<String> imagesIn(String html, URI base) {
        Set<String> shown = new LinkedHashSet<>();
        var doc = Jsoup.parseBodyFragment(html);
        for (var img : doc.select("img[src], img[data-src]")) {
            for (String raw : new String[] {img.attr("src"), img.attr("data-src")}) {
                String url = AbsoluteLinks.absolute(base, raw);
                if (url != null) {
                    shown.add(url);
                }
            }
        }
        return shown;
    }

    static boolean isImageType(String type) {
        return type != null && type.strip().toLowerCase(Locale.ROOT).startsWith("image/");
    }

    static boolean add(Set<String> urls, URI base, String raw) {
        if (urls.size() >= MAX_IMAGES) {
            return false;
        }
        String url = AbsoluteLinks.absolute(base, raw);
        return url != null && urls.add(url);
    }
}

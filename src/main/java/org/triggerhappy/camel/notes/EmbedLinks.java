package org.triggerhappy.camel.notes;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.nodes.Element;

/**
 * Replaces embedded media ({@code iframe}, {@code video}, {@code audio}, {@code object}, {@code embed}), which ENML
 * forbids, by a link to the media with its poster or thumbnail image when the page names one, so a video in an
 * article shows up in the note as a picture and a link instead of vanishing; an object or embed of an image type
 * becomes that image. Only http(s) URLs become links or images; an embed without any is removed.
 */
public final class EmbedLinks {

    private static final String SELECTOR = "iframe, video, audio, object, embed";
    private static final int TITLE_MAX_CODE_POINTS = 200;

    private static final Pattern YOUTUBE_HOST = Pattern.compile("(?:.+\\.)?(?:youtube\\.com|youtube-nocookie\\.com)");
    private static final Pattern YOUTUBE_PATH = Pattern.compile("/(?:embed|v|shorts|live)/([A-Za-z0-9_-]{11})(?:[/&].*)?");
    private static final Pattern YOUTUBE_QUERY_ID = Pattern.compile("(?:^|&)v=([A-Za-z0-9_-]{11})(?:&|$)");
    private static final Pattern YOUTU_BE_PATH = Pattern.compile("/([A-Za-z0-9_-]{11})/?");
    private static final Pattern VIMEO_PLAYER_PATH = Pattern.compile("/video/(\\d+)/?");
    private static final Pattern AUDIO_FILE = Pattern.compile("\\.(?:mp3|m4a|aac|oga|ogg|opus|wav|flac)$");
    private static final Pattern VIDEO_FILE = Pattern.compile("\\.(?:mp4|m4v|webm|ogv|mov|m3u8)$");

    private EmbedLinks() {
    }

    /** Replaces every embed under {@code root} in place; relative URLs resolve against {@code baseUrl} (may be null). */
    public static void replace(Element root, String baseUrl) {
        for (Element embed : root.select(SELECTOR)) {
            if (embed.root() != root.root()) {
                continue; // inside an embed already replaced
            }
            Element replacement = replacementFor(embed, baseUrl);
            if (replacement == null) {
                embed.remove();
            } else {
                embed.replaceWith(replacement);
            }
        }
    }

    private static Element replacementFor(Element embed, String baseUrl) {
        String source = firstUsable(sources(embed), baseUrl);
        if (source != null && embed.attr("type").toLowerCase(Locale.ROOT).startsWith("image/")) {
            return new Element("img").attr("src", source).attr("alt", NoteText.clean(embed.attr("title")));
        }
        Media media = source == null ? null : Media.of(source);
        String link = media == null ? null : media.link;
        String thumbnail = UrlPolicy.image(firstNonBlank(embed.attr("poster"), embed.attr("data-poster")), baseUrl);
        if (thumbnail == null && media != null) {
            thumbnail = media.thumbnail;
        }
        if (link == null && thumbnail == null) {
            return null;
        }
        String label = kind(embed, media) + ": " + title(embed, media);
        boolean insideLink = embed.closest("a") != null; // no link inside a link
        Element box = new Element("div");
        if (thumbnail != null) {
            Element image = new Element("img").attr("src", thumbnail).attr("alt", label);
            Element holder = link == null || insideLink ? box : box.appendElement("a").attr("href", link);
            holder.appendChild(image);
            box.appendElement("br");
        }
        Element text = link == null || insideLink ? box : box.appendElement("a").attr("href", link);
        text.appendText(label);
        return box;
    }

    /** Candidate media URLs in order of preference, raw as in the page. */
    private static List<String> sources(Element embed) {
        List<String> candidates = new ArrayList<>();
        candidates.add(embed.attr(embed.normalName().equals("object") ? "data" : "src"));
        candidates.add(embed.attr("data-src"));
        candidates.add(embed.attr("data-lazy-src"));
        for (Element child : embed.children()) {
            switch (child.normalName()) {
                case "source", "embed" -> candidates.add(child.attr("src"));
                case "param" -> {
                    String name = child.attr("name").toLowerCase(Locale.ROOT);
                    if (name.equals("movie") || name.equals("src") || name.equals("url")) {
                        candidates.add(child.attr("value"));
                    }
                }
                default -> { }
            }
        }
        return candidates;
    }

    private static String firstUsable(List<String> candidates, String baseUrl) {
        for (String candidate : candidates) {
            String url = candidate.isBlank() ? null : UrlPolicy.image(candidate, baseUrl);
            if (url != null) {
                return url;
            }
        }
        return null;
    }

    private static String kind(Element embed, Media media) {
        String name = embed.normalName();
        if (name.equals("video") || name.equals("audio")) {
            return name.equals("video") ? "Video" : "Audio";
        }
        if (media != null && media.video) {
            return "Video";
        }
        String path = media == null ? "" : media.path.toLowerCase(Locale.ROOT);
        if (AUDIO_FILE.matcher(path).find()) {
            return "Audio";
        }
        return VIDEO_FILE.matcher(path).find() ? "Video" : "Embedded content";
    }

    private static String title(Element embed, Media media) {
        String title = NoteText.clean(firstNonBlank(embed.attr("title"), embed.attr("aria-label")));
        if (!title.isEmpty()) {
            return NoteText.cut(title, TITLE_MAX_CODE_POINTS);
        }
        if (media == null) {
            return "media";
        }
        return media.host.startsWith("www.") ? media.host.substring(4) : media.host;
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    /** Where an embed's media lives: the link for the note, a thumbnail when the host is known to serve one. */
    private record Media(String link, String thumbnail, String host, String path, boolean video) {

        static Media of(String url) {
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                return new Media(url, null, "media", "", false);
            }
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            String youtubeId = youtubeId(host, path, uri.getRawQuery());
            if (youtubeId != null) {
                return new Media("https://www.youtube.com/watch?v=" + youtubeId,
                        "https://img.youtube.com/vi/" + youtubeId + "/hqdefault.jpg", "YouTube", path, true);
            }
            if (host.equals("player.vimeo.com")) {
                Matcher vimeo = VIMEO_PLAYER_PATH.matcher(path);
                if (vimeo.matches()) {
                    return new Media("https://vimeo.com/" + vimeo.group(1), null, "Vimeo", path, true);
                }
            }
            boolean vimeoPage = host.equals("vimeo.com") || host.equals("www.vimeo.com");
            return new Media(url, null, vimeoPage ? "Vimeo" : host, path, vimeoPage);
        }

        private static String youtubeId(String host, String path, String query) {
            Matcher m;
            if (host.equals("youtu.be")) {
                m = YOUTU_BE_PATH.matcher(path);
                return m.matches() ? m.group(1) : null;
            }
            if (!YOUTUBE_HOST.matcher(host).matches()) {
                return null;
            }
            m = YOUTUBE_PATH.matcher(path);
            if (m.matches()) {
                return m.group(1);
            }
            if (path.equals("/watch") && query != null) {
                m = YOUTUBE_QUERY_ID.matcher(query);
                return m.find() ? m.group(1) : null;
            }
            return null;
        }
    }
}

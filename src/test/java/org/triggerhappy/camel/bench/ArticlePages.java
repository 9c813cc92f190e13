package org.triggerhappy.camel.bench;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * The article farm's documents, deterministic per (feed, seq): a teaser RSS feed (descriptions under 500 characters)
 * whose links lead to article pages of about 1,500 words inside a site's navigation, cookie banner, sidebar,
 * comments and footer, each with 3 distinct images ({@link ArticleImages}) at relative URLs.
 */
final class ArticlePages {
    static final int IMAGES_PER_ARTICLE = 3;
    static final int TEASER_MAX_CHARS = 480;
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private ArticlePages() {
    }

    static String articlePath(int feed, int seq) {
        return "/a/" + feed + "/" + seq + ".html";
    }

    static String imagePath(int feed, int seq, int k) {
        int image = ArticleImages.indexFor(feed, seq, k);
        return "/img/" + feed + "/" + seq + "/" + k + "." + ArticleImages.extension(image);
    }

    /** RSS 2.0 of items {@code newest-k+1 .. newest}, newest first, each a teaser linking to its article page. */
    static String teaserFeed(int feed, int newest, int k, IntFunction<Instant> published, String origin) {
        StringBuilder b = new StringBuilder(k * 900 + 500);
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\">\n<channel>\n")
                .append("<title>Article site ").append(feed).append("</title>\n")
                .append("<link>").append(origin).append("/a/").append(feed).append("/</link>\n")
                .append("<description>News of site ").append(feed).append("</description>\n");
        for (int seq = newest; seq > newest - k && seq >= 0; seq--) {
            Random r = random(feed, seq);
            String title = title(r);
            b.append("<item>\n<title>").append(FarmContent.escape(title)).append("</title>\n")
                    .append("<link>").append(origin).append(articlePath(feed, seq)).append("</link>\n")
                    .append("<guid isPermaLink=\"false\">article-").append(feed).append('-').append(seq).append("</guid>\n")
                    .append("<pubDate>").append(RFC_1123.format(published.apply(seq))).append("</pubDate>\n")
                    .append("<description>").append(FarmContent.escape(teaser(feed, seq))).append("</description>\n")
                    .append("</item>\n");
        }
        return b.append("</channel>\n</rss>\n").toString();
    }

    /** The first words of the article as one paragraph, as teaser feeds send. */
    static String teaser(int feed, int seq) {
        Random r = random(feed, seq);
        title(r);
        StringBuilder t = new StringBuilder("<p>");
        while (t.length() < TEASER_MAX_CHARS - 60) {
            t.append(FarmContent.capitalised(FarmContent.words(r, 6 + r.nextInt(8)))).append(". ");
        }
        return t.append("…</p>").toString();
    }

    /** A whole page: head with scripts and styles, chrome around an article of about 1,500 words and 3 figures. */
    static String page(int feed, int seq) {
        Random r = random(feed, seq);
        String title = title(r);
        StringBuilder h = new StringBuilder(24_000);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(title)
                .append(" | Site ").append(feed).append("</title>\n<meta name=\"viewport\" content=\"width=device-width\">")
                .append("<link rel=\"stylesheet\" href=\"/static/site.css\"><style>body{font-family:serif}.ad{float:right}</style>")
                .append("<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}</script>")
                .append("</head>\n<body class=\"post\"><div class=\"cookie-banner\" role=\"dialog\">We use cookies to improve")
                .append(" your experience. <button>Accept all</button> <a href=\"/privacy\">Privacy policy</a></div>\n")
                .append("<header class=\"site-header\"><a class=\"logo\" href=\"/\">Site ").append(feed)
                .append("</a><nav class=\"main-nav\"><ul>");
        for (String section : new String[] {"World", "Politics", "Business", "Technology", "Science", "Culture",
                "Sport", "Opinion"}) {
            h.append("<li><a href=\"/section/").append(section.toLowerCase()).append("\">").append(section).append("</a></li>");
        }
        h.append("</ul></nav><form class=\"search\" action=\"/search\"><input name=\"q\"><button>Search</button></form>")
                .append("</header>\n<div class=\"layout\"><main id=\"content\"><article class=\"story\">")
                .append("<h1>").append(title).append("</h1><p class=\"byline\">By ")
                .append(FarmContent.capitalised(FarmContent.word(r))).append(' ')
                .append(FarmContent.capitalised(FarmContent.word(r))).append(" · <time>")
                .append(2020 + seq % 6).append("-0").append(1 + seq % 9).append("-1").append(seq % 10).append("</time></p>\n")
                .append(teaser(feed, seq));
        int words = 0;
        int figures = 0;
        int paragraphs = 0;
        while (words < 1500) {
            if (paragraphs % 5 == 2 && figures < IMAGES_PER_ARTICLE) {
                h.append("<figure><img src=\"").append(imagePath(feed, seq, figures)).append("\" alt=\"")
                        .append(FarmContent.words(r, 4)).append("\" width=\"800\" height=\"450\"><figcaption>")
                        .append(FarmContent.capitalised(FarmContent.words(r, 8))).append(".</figcaption></figure>\n");
                figures++;
            }
            if (paragraphs % 7 == 4) {
                h.append("<h2>").append(FarmContent.capitalised(FarmContent.words(r, 3 + r.nextInt(4)))).append("</h2>\n");
            }
            int before = h.length();
            h.append("<p>");
            for (int s = 0, n = 3 + r.nextInt(4); s < n; s++) {
                FarmContent.sentence(h, r, "/a/" + feed + "/" + seq + ".html");
            }
            h.append("</p>\n");
            words += countWords(h, before);
            paragraphs++;
        }
        while (figures < IMAGES_PER_ARTICLE) {
            h.append("<figure><img src=\"").append(imagePath(feed, seq, figures)).append("\" alt=\"figure\"></figure>\n");
            figures++;
        }
        h.append("</article>\n<section class=\"share\"><a href=\"https://share.example/?u=x\">Share</a> ")
                .append("<a href=\"/newsletter\">Subscribe to our newsletter</a></section>\n")
                .append("<section class=\"comments\"><h3>Comments</h3>");
        for (int c = 0; c < 4; c++) {
            h.append("<div class=\"comment\"><b>").append(FarmContent.word(r)).append("</b><p>")
                    .append(FarmContent.capitalised(FarmContent.words(r, 10 + r.nextInt(20)))).append(".</p></div>");
        }
        h.append("</section></main>\n<aside class=\"sidebar\"><h3>Most read</h3><ol>");
        for (int i = 0; i < 10; i++) {
            h.append("<li><a href=\"").append(articlePath(feed, Math.max(0, seq - i - 1))).append("\">")
                    .append(FarmContent.capitalised(FarmContent.words(r, 5 + r.nextInt(5)))).append("</a></li>");
        }
        h.append("</ol><div class=\"ad\">Advertisement</div></aside></div>\n<footer class=\"site-footer\"><ul>")
                .append("<li><a href=\"/about\">About us</a></li><li><a href=\"/contact\">Contact</a></li>")
                .append("<li><a href=\"/terms\">Terms</a></li></ul><p>© Site ").append(feed)
                .append(". All rights reserved.</p></footer>\n<script src=\"/static/app.js\"></script></body></html>\n");
        return h.toString();
    }

    private static String title(Random r) {
        return FarmContent.capitalised(FarmContent.words(r, 5 + r.nextInt(6)));
    }

    private static int countWords(CharSequence s, int from) {
        int words = 0;
        boolean inTag = false;
        boolean inWord = false;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '<') {
                inTag = true;
            } else if (c == '>') {
                inTag = false;
            } else if (!inTag) {
                boolean letter = Character.isLetterOrDigit(c);
                if (letter && !inWord) {
                    words++;
                }
                inWord = letter;
            }
        }
        return words;
    }

    private static Random random(int feed, int seq) {
        return new Random(feed * 1_000_033L + seq * 7_927L + 5);
    }
}

package org.triggerhappy.camel.bench;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * Deterministic, realistic RSS 2.0 documents for the feed farm: item {@code seq} of feed {@code feed} is always the
 * same text, so a feed can be re-rendered after new items arrive without keeping every item in memory. Each item
 * carries 1–3 KB of HTML (paragraphs, links, emphasis, an image, sometimes a list) made of pseudo-words, which
 * compresses about as well as real prose.
 */
final class FarmContent {
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final String[] WORDS = vocabulary(3000);

    private FarmContent() {
    }

    /** The feed's RSS document holding items {@code newest-k+1 .. newest}, newest first. */
    static String document(int feed, int newest, int k, IntFunction<Instant> published) {
        StringBuilder b = new StringBuilder(k * 2600 + 600);
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n")
                .append("<title>Farm feed ").append(feed).append("</title>\n")
                .append("<link>https://farm").append(feed % 97).append(".example.org/blog/</link>\n")
                .append("<description>Posts of farm blog ").append(feed).append("</description>\n")
                .append("<language>en</language>\n")
                .append("<lastBuildDate>").append(RFC_1123.format(published.apply(newest))).append("</lastBuildDate>\n");
        for (int seq = newest; seq > newest - k && seq >= 0; seq--) {
            item(b, feed, seq, published.apply(seq));
        }
        return b.append("</channel>\n</rss>\n").toString();
    }

    private static void item(StringBuilder b, int feed, int seq, Instant published) {
        Random r = new Random(feed * 1_000_003L + seq * 7_919L + 17);
        String link = "https://farm" + feed % 97 + ".example.org/blog/" + feed + "/" + seq + "-" + word(r) + "-" + word(r);
        b.append("<item>\n<title>").append(escape(capitalised(words(r, 4 + r.nextInt(7))))).append("</title>\n")
                .append("<link>").append(link).append("</link>\n")
                .append("<guid isPermaLink=\"false\">farm-").append(feed).append('-').append(seq).append("</guid>\n")
                .append("<pubDate>").append(RFC_1123.format(published)).append("</pubDate>\n")
                .append("<dc:creator>").append(capitalised(word(r))).append(' ').append(capitalised(word(r)))
                .append("</dc:creator>\n")
                .append("<category>").append(word(r)).append("</category>\n")
                .append("<description>").append(escape(html(r, link))).append("</description>\n</item>\n");
    }

    /** About 1–3 KB of the kind of HTML blogs put in descriptions. */
    static String html(Random r, String link) {
        StringBuilder h = new StringBuilder(3200);
        int target = 1000 + r.nextInt(2000);
        h.append("<p><img src=\"").append(link).append("/cover.jpg\" alt=\"").append(words(r, 3))
                .append("\" width=\"640\" height=\"360\"></p>");
        while (h.length() < target) {
            int kind = r.nextInt(10);
            if (kind == 0) {
                h.append("<ul>");
                for (int i = 0, n = 2 + r.nextInt(4); i < n; i++) {
                    h.append("<li>").append(words(r, 3 + r.nextInt(8))).append("</li>");
                }
                h.append("</ul>");
            } else if (kind == 1) {
                h.append("<blockquote><p>").append(capitalised(words(r, 12 + r.nextInt(20)))).append(".</p></blockquote>");
            } else {
                h.append("<p>");
                for (int s = 0, n = 2 + r.nextInt(4); s < n; s++) {
                    sentence(h, r, link);
                }
                h.append("</p>");
            }
        }
        return h.append("<p><a href=\"").append(link).append("\">Read more…</a></p>").toString();
    }

    static void sentence(StringBuilder h, Random r, String link) {
        int n = 8 + r.nextInt(18);
        for (int i = 0; i < n; i++) {
            String w = i == 0 ? capitalised(word(r)) : word(r);
            int markup = r.nextInt(40);
            if (markup == 0) {
                h.append("<a href=\"").append(link).append('#').append(w).append("\">").append(w).append("</a>");
            } else if (markup == 1) {
                h.append("<strong>").append(w).append("</strong>");
            } else if (markup == 2) {
                h.append("<em>").append(w).append("</em>");
            } else if (markup == 3) {
                h.append("<code>").append(w).append("()</code>");
            } else {
                h.append(w);
            }
            h.append(i == n - 1 ? ". " : r.nextInt(9) == 0 ? ", " : " ");
        }
    }

    static String words(Random r, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : " ").append(word(r));
        }
        return s.toString();
    }

    /** Zipf-like choice: common words much more often than rare ones, as in prose. */
    static String word(Random r) {
        double u = r.nextDouble();
        return WORDS[(int) (WORDS.length * u * u * u)];
    }

    static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String[] vocabulary(int n) {
        String[] syllables = {"ka", "lo", "mi", "ten", "ra", "vo", "sel", "di", "an", "por", "ex", "ul", "ti", "ber",
                "co", "na", "ges", "fi", "mar", "qu", "is", "de", "pra", "tor", "el", "sa", "vin", "ho", "ne", "ru"};
        Random r = new Random(42);
        String[] words = new String[n];
        for (int i = 0; i < n; i++) {
            StringBuilder w = new StringBuilder();
            for (int s = 0, len = 1 + r.nextInt(i < 100 ? 2 : 4); s < len; s++) {
                w.append(syllables[r.nextInt(syllables.length)]);
            }
            words[i] = w.toString();
        }
        return words;
    }
}

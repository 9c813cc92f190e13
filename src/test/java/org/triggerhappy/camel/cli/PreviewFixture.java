package org.triggerhappy.camel.cli;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import javax.sql.DataSource;
import org.triggerhappy.camel.testsupport.TestFeedServer;

/**
 * What the preview tests serve on loopback: a realistic feed (an article teaser whose page has two images, a
 * sponsored entry, a full-text entry with an image), and a digest of every table to show that nothing was written.
 */
final class PreviewFixture {
    static final String FEED_TITLE = "Camel Riders Weekly";
    static final String RELEASE = "Apache Camel 4.18 released";
    static final String SPONSORED = "Sponsored: 50% off managed Kafka";
    static final String RECORDS = "Records and pattern matching in Java 25";
    static final String PI = "Camel K on a Raspberry Pi";
    static final String RECORDS_TEXT = "Records are a concise way to model data. ";

    private static final DateTimeFormatter RFC = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private PreviewFixture() {
    }

    /** A sentence of the release article, which only its page carries (the feed has a teaser). */
    static final String RELEASE_SENTENCE = "Every component now runs its consumers on virtual threads by default";
    /** Words of the release page around its article, which the note leaves out. */
    static final String[] AROUND = {"Accept all cookies", "Trending now", "Leave a comment", "Copyright 2026 Camel Riders"};

    /** Serves the feed, its article pages and images; returns the feed's URL. */
    static String serve(TestFeedServer feeds, Instant now) {
        feeds.put("/img/route-diagram.png", diagram(), "image/png");
        feeds.put("/img/throughput.jpg", chart(), "image/jpeg");
        feeds.put("/img/records.gif", code(), "image/gif");
        // /img/pi.png is not served: that image stays remote in its note.
        String release = feeds.put("/articles/camel-4-18", page(RELEASE,
                "<p>Apache Camel 4.18 is out. " + RELEASE_SENTENCE + ", so a route that waits on a slow HTTP"
                        + " service no longer ties up a platform thread, and thousands of such routes fit in a"
                        + " small container.</p>"
                        + "<figure><img src=\"/img/route-diagram.png\" alt=\"Route diagram\" width=\"480\""
                        + " height=\"200\"></figure>"
                        + "<p>The release also brings a new XML and YAML route loader that reports the line and column"
                        + " of a mistake, a smaller camel-main start-up, and health checks that tell a route that is"
                        + " merely slow from one that is stuck.</p>"
                        + "<p><img src=\"/img/throughput.jpg\" alt=\"Throughput chart\"></p>"
                        + "<p>In our benchmark, a route fanning out to 200 slow endpoints went from 1,900 to 11,400"
                        + " messages a second on the same four cores. Upgrading from 4.14 needs no code change for"
                        + " most routes; the migration guide lists the few exceptions.</p>"),
                "text/html; charset=utf-8");
        String pi = feeds.put("/articles/camel-k-pi", page(PI,
                "<p>Four Raspberry Pi boards, a small Kubernetes distribution and Camel K make a surprisingly capable"
                        + " integration platform for a workshop or a home lab.</p>"
                        + "<p><img src=\"/img/pi.png\" alt=\"The Pi cluster\"></p>"
                        + "<p>Each integration is a single file; the operator builds and runs it on the cluster within"
                        + " a minute, and a routes change reaches the boards without a rebuild of anything else.</p>"),
                "text/html; charset=utf-8");
        StringBuilder records = new StringBuilder("<p>");
        for (int i = 0; i < 3; i++) {
            records.append(RECORDS_TEXT).append("They give you a constructor, accessors, equals, hashCode and"
                    + " toString without a line of boilerplate, and they say what the class is for. ");
        }
        records.append("</p><p><img src=\"").append(feeds.url("/img/records.gif"))
                .append("\" alt=\"Record patterns\"></p><p>Record patterns take them apart again in a switch,"
                        + " nested as deep as the data is.</p>");
        return feeds.put("/camel-riders.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel>"
                + "<title>" + FEED_TITLE + "</title><link>" + feeds.url("/") + "</link>"
                + "<description>News for Camel riders</description>"
                + item("release", RELEASE, release, now.minusSeconds(3600), "Ada", "Camel",
                        "<p>The new release brings virtual threads to every component. Read on.</p>")
                + item("sponsored", SPONSORED, feeds.url("/articles/sponsored"), now.minusSeconds(7200), "Ads",
                        "Promotion", "<p>Buy now and save.</p>")
                + item("records", RECORDS, feeds.url("/articles/records"), now.minusSeconds(10800), "Grace",
                        "Java", records.toString())
                + item("pi", PI, pi, now.minusSeconds(14400), "Linus", "Camel",
                        "<p>Four boards, one integration platform.</p>")
                + "</channel></rss>");
    }

    /** A news site's page: navigation, cookie banner, sidebar and comments around the article. */
    private static String page(String title, String article) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + title + " - Camel Riders</title></head>"
                + "<body><header><nav><a href=\"/\">Home</a> | <a href=\"/news\">News</a></nav></header>"
                + "<div class=\"cookie-banner\" id=\"cookie-consent\"><p>We use cookies. Accept all cookies to go on"
                + " reading this site.</p><button>OK</button></div>"
                + "<div class=\"layout\"><aside class=\"sidebar\"><h3>Trending now</h3><ul><li><a href=\"/t/1\">"
                + "Other story one</a></li><li><a href=\"/t/2\">Other story two</a></li></ul></aside>"
                + "<main><article><h1>" + title + "</h1>" + article + "</article>"
                + "<section class=\"comments\" id=\"comments\"><h3>Leave a comment</h3><div class=\"comment\">"
                + "<p>First! Great piece, thanks.</p></div></section></main></div>"
                + "<footer><p>Copyright 2026 Camel Riders. All rights reserved.</p></footer></body></html>";
    }

    /** Three boxes joined by arrows: a route from a source through a processor to a sink. */
    private static byte[] diagram() {
        BufferedImage img = new BufferedImage(480, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img);
        String[] names = {"kafka:orders", "process", "evernote:notes"};
        for (int i = 0; i < 3; i++) {
            int x = 20 + i * 160;
            g.setColor(new Color(0xE3F2FD));
            g.fillRoundRect(x, 70, 120, 60, 14, 14);
            g.setColor(new Color(0x1565C0));
            g.drawRoundRect(x, 70, 120, 60, 14, 14);
            g.drawString(names[i], x + 60 - g.getFontMetrics().stringWidth(names[i]) / 2, 105);
            if (i < 2) {
                g.drawLine(x + 120, 100, x + 160, 100);
                g.fillPolygon(new int[] {x + 160, x + 150, x + 150}, new int[] {100, 95, 105}, 3);
            }
        }
        g.dispose();
        return encode(img, "png");
    }

    /** Two bars: messages a second before and after. */
    private static byte[] chart() {
        BufferedImage img = new BufferedImage(480, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img);
        g.setColor(new Color(0x9E9E9E));
        g.fillRect(90, 190, 100, 20);
        g.setColor(new Color(0x2E7D32));
        g.fillRect(290, 40, 100, 170);
        g.setColor(Color.DARK_GRAY);
        g.drawLine(60, 210, 440, 210);
        g.drawString("4.14: 1,900 msg/s", 80, 182);
        g.drawString("4.18: 11,400 msg/s", 278, 32);
        g.dispose();
        return encode(img, "jpg");
    }

    /** A record and a record pattern, as code on a light background. */
    private static byte[] code() {
        BufferedImage img = new BufferedImage(320, 120, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img);
        g.setColor(new Color(0xF5F5F5));
        g.fillRect(0, 0, 320, 120);
        g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 14));
        g.setColor(new Color(0x6A1B9A));
        g.drawString("record Point(int x, int y) {}", 16, 34);
        g.setColor(new Color(0x263238));
        g.drawString("if (o instanceof Point(var x,", 16, 68);
        g.drawString("                   var y)) ...", 16, 90);
        g.dispose();
        return encode(img, "gif");
    }

    private static Graphics2D canvas(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        return g;
    }

    private static byte[] encode(BufferedImage img, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String item(String guid, String title, String link, Instant published, String author,
                               String category, String html) {
        return "<item><title>" + escape(title) + "</title><link>" + escape(link) + "</link>"
                + "<guid isPermaLink=\"false\">" + guid + "</guid><pubDate>" + RFC.format(published) + "</pubDate>"
                + "<dc:creator>" + author + "</dc:creator><category>" + category + "</category>"
                + "<description>" + escape(html) + "</description></item>\n";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Every table of the database with a digest of its rows: equal before and after means nothing was written. */
    static Map<String, String> tables(DataSource ds) throws Exception {
        Map<String, String> digests = new TreeMap<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String name : names) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, '|'"
                        + " ORDER BY t::text), '')) FROM \"" + name + "\" t")) {
                    rs.next();
                    digests.put(name, rs.getString(1));
                }
            }
        }
        return digests;
    }
}

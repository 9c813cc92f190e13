package org.triggerhappy.camel.demo;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * A small RSS feed served on 127.0.0.1 by the jar itself, so the demo needs no network. Its entries carry what
 * real feeds do: markup to clean, a relative link and image, an entity, a script that must not survive. The first
 * is a teaser whose page (with a site's navigation, sidebar and footer around the article, and an image) the service
 * fetches to put the whole article, image included, in the note.
 */
public final class DemoFeedServer implements AutoCloseable {
    private final HttpServer server;

    private DemoFeedServer(HttpServer server) {
        this.server = server;
    }

    public static DemoFeedServer start(Instant now) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        serve(server, "/feed.xml", "application/rss+xml; charset=utf-8", feed(now, base).getBytes(StandardCharsets.UTF_8));
        serve(server, "/posts/1", "text/html; charset=utf-8", article().getBytes(StandardCharsets.UTF_8));
        serve(server, "/img/camel.png", "image/png", camel());
        server.start();
        return new DemoFeedServer(server);
    }

    private static void serve(HttpServer server, String path, String type, byte[] body) {
        server.createContext(path, ex -> {
            if (!ex.getRequestURI().getPath().equals(path)) {
                ex.sendResponseHeaders(404, -1);
                ex.close();
                return;
            }
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
    }

    /** The first post's page: the article among what every site puts around it. */
    static String article() {
        StringBuilder p = new StringBuilder();
        String[] paragraphs = {
            "The feed only carried a teaser of this post. TriggerHappy Camel fetched this page, found the article in"
                    + " it with Readability and put the whole text in the note, without the navigation, the sidebar,"
                    + " the cookie banner, the comments and the footer around it.",
            "Images of the article are stored inside the note as Evernote resources, so the note keeps them when"
                    + " the site goes away. This one is a PNG served by the demo itself.",
            "Lazy-loaded images, relative links and pages behind redirects are handled too; when the page cannot be"
                    + " fetched, the note simply keeps what the feed had.",
        };
        for (int i = 0; i < paragraphs.length; i++) {
            p.append("<p>").append(paragraphs[i]).append("</p>");
            if (i == 0) {
                p.append("<figure><img data-src=\"/img/camel.png\" src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\""
                        + " alt=\"a camel\" width=\"160\" height=\"100\"/><figcaption>A demo camel</figcaption></figure>");
            }
        }
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Welcome - Demo blog</title></head><body>"
                + "<header><nav><a href=\"/\">Home</a> <a href=\"/archive\">Archive</a></nav></header>"
                + "<div id=\"cookie-banner\" class=\"cookie-consent\">This site uses cookies. <button>Accept</button></div>"
                + "<aside class=\"sidebar\"><h3>Popular</h3><ul><li><a href=\"/p/9\">Another post</a></li></ul></aside>"
                + "<main><article><h1>Welcome to TriggerHappy Camel</h1>" + p + "</article>"
                + "<section id=\"comments\" class=\"comments\"><h3>2 comments</h3><p>Nice!</p></section></main>"
                + "<footer>&copy; Demo blog</footer></body></html>";
    }

    /** A small striped PNG, drawn at start (no image file in the jar). */
    static byte[] camel() throws IOException {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(160, 100,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 160; x++) {
                img.setRGB(x, y, y < 60 ? 0x87CEEB : ((x / 8 + y / 8) % 2 == 0 ? 0xD2A26B : 0xC19155));
            }
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    public String feedUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/feed.xml";
    }

    public String hostPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    static String feed(Instant now, String base) {
        DateTimeFormatter rfc = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
        StringBuilder items = new StringBuilder();
        String[][] posts = {
                {"Welcome to TriggerHappy Camel", "<p>Every new entry of a feed becomes a <b>note</b>: this teaser"
                        + " becomes the whole article of its page.</p>"},
                {"Notes look like the article &amp; stay valid", "<h2>Clean markup</h2><ul><li>lists</li><li>tables</li></ul>"
                        + "<p>Relative links are made absolute: <a href=\"/about\">about</a>.</p>"
                        + "<figure><img src=\"/img/camel.png\" alt=\"a camel\"/><figcaption>HTML5 is unwrapped</figcaption></figure>"
                        + "<script>alert('scripts never reach a note')</script>"},
                {"Nothing lost, nothing duplicated", "<p>Run the demo again: no entry is written twice. A feed that"
                        + " carries its whole text keeps it: only teasers (under 500 characters of text) send the"
                        + " service to the linked page, and this one links nowhere it can read, so its note keeps"
                        + " the feed's text and the log says why in one line.</p>"
                        + "<p onclick=\"evil()\" class=\"x\">Event handlers and classes are dropped&hellip;</p>"},
        };
        for (int i = 0; i < posts.length; i++) {
            Instant published = now.minus(10L * (i + 1), ChronoUnit.MINUTES);
            items.append("<item><title>").append(posts[i][0]).append("</title>")
                    .append("<link>").append(base).append("/posts/").append(i + 1).append("</link>")
                    .append("<guid isPermaLink=\"false\">demo-post-").append(i + 1).append("</guid>")
                    .append("<pubDate>").append(rfc.format(published)).append("</pubDate>")
                    .append("<description><![CDATA[").append(posts[i][1]).append("]]></description></item>");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
                + "<title>TriggerHappy Camel demo</title><link>" + base + "/</link>"
                + "<description>demo feed</description>" + items + "</channel></rss>";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

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
 * real feeds do: markup to clean, a relative link and image, an entity, a script that must not survive.
 */
public final class DemoFeedServer implements AutoCloseable {
    private final HttpServer server;

    private DemoFeedServer(HttpServer server) {
        this.server = server;
    }

    public static DemoFeedServer start(Instant now) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] feed = feed(now).getBytes(StandardCharsets.UTF_8);
        server.createContext("/feed.xml", ex -> {
            ex.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
            ex.sendResponseHeaders(200, feed.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(feed);
            }
        });
        server.start();
        return new DemoFeedServer(server);
    }

    public String feedUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/feed.xml";
    }

    public String hostPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    static String feed(Instant now) {
        DateTimeFormatter rfc = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
        StringBuilder items = new StringBuilder();
        String[][] posts = {
                {"Welcome to TriggerHappy Camel", "<p>Every new entry of a feed becomes a <b>note</b>.</p>"
                        + "<p>Relative links are made absolute: <a href=\"/about\">about</a>.</p>"},
                {"Notes look like the article &amp; stay valid", "<h2>Clean markup</h2><ul><li>lists</li><li>tables</li></ul>"
                        + "<figure><img src=\"/img/camel.png\" alt=\"a camel\"/><figcaption>HTML5 is unwrapped</figcaption></figure>"
                        + "<script>alert('scripts never reach a note')</script>"},
                {"Nothing lost, nothing duplicated", "<p>Run the demo again: no entry is written twice.</p>"
                        + "<p onclick=\"evil()\" class=\"x\">Event handlers and classes are dropped&hellip;</p>"},
        };
        for (int i = 0; i < posts.length; i++) {
            Instant published = now.minus(10L * (i + 1), ChronoUnit.MINUTES);
            items.append("<item><title>").append(posts[i][0]).append("</title>")
                    .append("<link>/posts/").append(i + 1).append("</link>")
                    .append("<guid isPermaLink=\"false\">demo-post-").append(i + 1).append("</guid>")
                    .append("<pubDate>").append(rfc.format(published)).append("</pubDate>")
                    .append("<description><![CDATA[").append(posts[i][1]).append("]]></description></item>");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
                + "<title>TriggerHappy Camel demo</title><link>http://127.0.0.1/</link>"
                + "<description>demo feed</description>" + items + "</channel></rss>";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

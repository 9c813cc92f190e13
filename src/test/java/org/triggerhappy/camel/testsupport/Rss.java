package org.triggerhappy.camel.testsupport;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Builds RSS 2.0 documents for tests. */
public final class Rss {
    private static final DateTimeFormatter RFC = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private final List<String> items = new ArrayList<>();

    public static Rss feed() {
        return new Rss();
    }

    /** An item with guid, link, date (null = undated) and HTML description. */
    public Rss item(String guid, String title, String link, Instant published, String html) {
        StringBuilder b = new StringBuilder("<item>");
        if (title != null) {
            b.append("<title>").append(escape(title)).append("</title>");
        }
        if (link != null) {
            b.append("<link>").append(escape(link)).append("</link>");
        }
        if (guid != null) {
            b.append("<guid isPermaLink=\"false\">").append(escape(guid)).append("</guid>");
        }
        if (published != null) {
            b.append("<pubDate>").append(RFC.format(published)).append("</pubDate>");
        }
        if (html != null) {
            b.append("<description>").append(escape(html)).append("</description>");
        }
        items.add(b.append("</item>").toString());
        return this;
    }

    public String xml() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Test feed</title>"
                + "<link>http://example.org/</link><description>test</description>" + String.join("\n", items)
                + "</channel></rss>";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

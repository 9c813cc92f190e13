package org.triggerhappy.camel.reliability;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.triggerhappy.camel.testsupport.Rss;

/** A feed whose entries a test adds over time; each entry's link is unique and names the note it should become. */
final class Feeds {
    static final LocalDate CREATED = LocalDate.now(ZoneOffset.UTC).minusDays(2);

    private final String name;
    private final List<String> links = new ArrayList<>();
    private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);

    Feeds(String name) {
        this.name = name;
    }

    /** Adds {@code n} entries (newest last, all inside the first-poll window) and returns the document. */
    synchronized String add(int n) {
        for (int i = 0; i < n; i++) {
            links.add("http://example.org/" + name + "/" + (links.size() + 1));
        }
        return xml();
    }

    synchronized String xml() {
        Rss rss = Rss.feed();
        for (int i = links.size() - 1; i >= 0; i--) {
            String link = links.get(i);
            rss.item(link, name + " entry " + (i + 1), link, start.plusSeconds(i), "<p>entry <b>" + (i + 1) + "</b></p>");
        }
        return rss.xml();
    }

    synchronized List<String> links() {
        return List.copyOf(links);
    }
}

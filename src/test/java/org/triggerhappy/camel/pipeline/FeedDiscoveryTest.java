package org.triggerhappy.camel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.triggerhappy.camel.entries.FeedParser;
import org.triggerhappy.camel.fetch.AddressPolicy;
import org.triggerhappy.camel.fetch.FeedFetcher;
import org.triggerhappy.camel.fetch.FetchException;
import org.triggerhappy.camel.fetch.FetchSettings;
import org.triggerhappy.camel.testsupport.Rss;
import org.triggerhappy.camel.testsupport.TestFeedServer;

/** The outcomes of {@link FeedDiscovery} the CLI tests do not reach, over real HTTP on loopback. */
class FeedDiscoveryTest {
    TestFeedServer site;
    FeedDiscovery discovery;

    @BeforeEach
    void setUp() throws IOException {
        site = new TestFeedServer();
        discovery = new FeedDiscovery(new FeedFetcher(FetchSettings.defaults(AddressPolicy.parse(site.hostPort()))),
                new FeedParser(), 255);
    }

    @AfterEach
    void tearDown() {
        site.close();
    }

    private static String rss() {
        return Rss.feed().item("1", "One", "http://example.org/1", Instant.parse("2026-01-02T03:04:05Z"), "x").xml();
    }

    @Test
    void a_feed_served_as_text_html_is_a_feed() {
        String url = site.put("/feed", rss(), "text/html");

        assertThat(discovery.discover(url)).isEqualTo(new FeedDiscovery.IsFeed());
        assertThat(site.requests()).isEqualTo(1);
    }

    @Test
    void at_most_ten_links_of_a_page_are_fetched() {
        StringBuilder page = new StringBuilder("<html><head>");
        for (int i = 1; i <= FeedDiscovery.MAX_LINKS + 2; i++) {
            page.append("<link rel=alternate type=application/rss+xml href=/f").append(i).append(".xml>");
        }
        site.put("/f" + (FeedDiscovery.MAX_LINKS + 1) + ".xml", rss());
        site.put("/feed", rss());
        String url = site.put("/", page.append("</head></html>").toString(), "text/html");

        FeedDiscovery.Outcome outcome = discovery.discover(url);

        assertThat(outcome).isEqualTo(new FeedDiscovery.Found(site.url("/feed"), List.of()));
        assertThat(site.requests("/f" + FeedDiscovery.MAX_LINKS + ".xml")).isEqualTo(1);
        assertThat(site.requests("/f" + (FeedDiscovery.MAX_LINKS + 1) + ".xml")).isZero();
    }

    @Test
    void a_url_that_cannot_be_fetched_is_unreachable_with_the_fetch_failure() {
        site.fail("/gone", 410);

        FeedDiscovery.Outcome outcome = discovery.discover(site.url("/gone"));

        assertThat(outcome).isInstanceOf(FeedDiscovery.Unreachable.class);
        assertThat(((FeedDiscovery.Unreachable) outcome).kind()).isEqualTo(FetchException.Kind.GONE);
        assertThat(((FeedDiscovery.Unreachable) outcome).reason()).startsWith("HTTP 410");
    }
}

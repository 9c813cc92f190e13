package org.triggerhappy.camel.entries;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.io.impl.DateParser;
import com.rometools.rome.io.impl.FeedParsers;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import org.jdom2.input.SAXBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The RSS 2.0 date fast path gives ROME's own answer, and falls back to ROME for every other form. */
class Rss20FastDatesParserTest {
    private static final String RSS = "<rss version=\"2.0\"><channel><title>t</title><item><title>a</title>"
            + "<link>https://example.com/a</link><pubDate>%s</pubDate><description>x</description></item>"
            + "</channel></rss>";

    @Test
    void rome_uses_this_parser_for_rss_2_0() throws Exception {
        var doc = new SAXBuilder().build(new StringReader(String.format(RSS, "Tue, 03 Jun 2008 11:05:30 GMT")));
        assertThat(new FeedParsers().getParserFor(doc)).isInstanceOf(Rss20FastDatesParser.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Tue, 03 Jun 2008 11:05:30 GMT",      // fast path
            "Tue, 3 Jun 2008 11:05:30 +0200",     // fast path, offset
            "3 Jun 2008 11:05 -0000",             // fast path: no weekday, no seconds
            "Wed, 03 Jun 2008 11:05:30 GMT",      // wrong weekday: left to ROME
            "Tue, 03 Jun 2008 11:05:30 EST",      // zone name: left to ROME
            "2008-06-03T11:05:30Z",               // W3C date in pubDate: left to ROME
            "Tue, 03 Jun 08 11:05:30 GMT",        // two-digit year: left to ROME
            "sometime last week"                  // unparseable: no date, as with ROME
    })
    void the_published_date_is_the_one_rome_would_give(String pubDate) throws Exception {
        ParsedFeed feed = new FeedParser().parse(String.format(RSS, pubDate).getBytes(StandardCharsets.UTF_8), null,
                "https://example.com/feed.xml");
        Date rome = DateParser.parseDate(pubDate, Locale.US);
        Instant expected = rome == null ? null : rome.toInstant();
        assertThat(feed.entries()).hasSize(1);
        assertThat(feed.entries().get(0).published()).isEqualTo(expected);
    }

    @Test
    void the_fast_path_takes_only_rfc_1123() {
        assertThat(Rss20FastDatesParser.parse("Tue, 03 Jun 2008 11:05:30 GMT"))
                .isEqualTo(Date.from(Instant.parse("2008-06-03T11:05:30Z")));
        assertThat(Rss20FastDatesParser.parse("Tue, 03 Jun 2008 11:05:30 EST")).isNull();
        assertThat(Rss20FastDatesParser.parse(null)).isNull();
    }
}

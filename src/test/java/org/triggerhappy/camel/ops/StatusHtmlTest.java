package org.triggerhappy.camel.ops;

import org.triggerhappy.camel.persistence.StatusSnapshot;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class StatusHtmlTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void an_empty_database_gives_a_page_that_says_so() {
        Document d = Jsoup.parse(StatusHtml.render(new StatusSnapshot(NOW, List.of(), List.of(),
                new StatusSnapshot.Outbox(0, 0, null, 0), List.of())));
        assertThat(d.title()).isEqualTo("TriggerHappy Camel status");
        assertThat(d.selectFirst("#no-triggers")).isNotNull();
        assertThat(d.selectFirst("#no-paused-users")).isNotNull();
        assertThat(d.selectFirst("#summary-outbox-pending").text()).isEqualTo("0 notes waiting (0 due now)");
        assertThat(d.selectFirst("#no-held-back")).isNotNull();
        assertThat(d.selectFirst("#summary-outbox-oldest").text()).isEqualTo("none waiting");
        assertThat(d.select("script")).isEmpty();
    }

    @Test
    void every_text_from_the_database_is_escaped() {
        String evil = "\"><script>alert(1)</script>&amp;'";
        StatusSnapshot s = new StatusSnapshot(NOW,
                List.of(new StatusSnapshot.TriggerLine(7, evil, evil, "http://example.org/" + evil, true,
                        NOW.minusSeconds(30), NOW.plusSeconds(600), evil, evil, 2, 1, 2, 3, 4, 5)),
                List.of(new StatusSnapshot.PausedUser(9, evil, "Evernote rate limit", NOW.plusSeconds(3600),
                        NOW.minusSeconds(60), evil, 4)),
                new StatusSnapshot.Outbox(4, 1, NOW.minusSeconds(7200), 5),
                List.of(new StatusSnapshot.HeldBack(7, evil, 2, evil, 3, "Evernote unavailable: TRANSIENT: HTTP 503")));
        String html = StatusHtml.render(s);

        assertThat(html).doesNotContain("<script>").contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;amp;&#39;");
        Document d = Jsoup.parse(html);
        assertThat(d.select("script")).isEmpty();
        var cells = d.select("tr[data-trigger-id=7] td").eachText();
        assertThat(cells.get(1)).isEqualTo(evil);
        assertThat(cells.get(2)).isEqualTo(evil);
        assertThat(cells.get(6)).isEqualTo(evil + " (feed: " + evil + ", failed 2 times in a row)");
        assertThat(cells.subList(7, 12)).containsExactly("1", "2", "3", "4", "5");
        var paused = d.select("tr[data-user-id=9] td").eachText();
        assertThat(paused).containsExactly(evil, "Evernote rate limit", "2026-11-25 11:59:00 (1 min ago)",
                "2026-11-25 13:00:00 (in 1 h 0 min)", "4", evil);
        assertThat(d.select("tr[data-held-user-id=7] td").eachText())
                .containsExactly(evil, "2", evil, "3", "Evernote unavailable: TRANSIENT: HTTP 503");
        assertThat(d.selectFirst("#summary-outbox-oldest").text()).isEqualTo("2026-11-25 10:00:00 (2 h 0 min ago)");
        assertThat(d.selectFirst("#summary-triggers").text()).isEqualTo("1 (1 active, 1 failing)");
    }

    @Test
    void the_unavailable_page_tells_no_detail() {
        String html = StatusHtml.unavailable(NOW);
        assertThat(Jsoup.parse(html).selectFirst("#unavailable").text())
                .startsWith("The status could not be read from the database (2026-11-25 12:00:00 UTC)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0 | in 0 s", "59 | in 59 s", "-60 | 1 min ago", "3599 | in 59 min", "-3660 | 1 h 1 min ago",
            "172800 | in 2 days", "-200000 | 2 days ago",
    })
    void relative_times_read_naturally(long seconds, String text) {
        assertThat(StatusHtml.relative(NOW.plusSeconds(seconds), NOW)).isEqualTo(text);
    }
}

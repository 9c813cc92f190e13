package org.triggerhappy.camel.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triggerhappy.camel.notes.EnmlValidator;
import org.triggerhappy.camel.service.OnceSummary;
import org.triggerhappy.camel.testsupport.FakeEvernote.StoredNote;
import org.triggerhappy.camel.testsupport.Rss;
import org.triggerhappy.camel.testsupport.ServiceFixture;
import org.triggerhappy.camel.testsupport.LogCapture;

/**
 * Hostile feeds through the whole pipeline, all in one poll cycle: each failure shows up as a clear reason in its
 * trigger's result, the other triggers' notes are written, and once a feed behaves again its entries arrive, once.
 */
class HostileFeedsPipelineTest {
    private static final String EVIL_HTML = "<p onclick=\"steal()\">Hi<script>alert(1)</script></p>"
            + "<img src=\"x.png\" onerror=\"alert(2)\"/><a href=\"javascript:alert(3)\">js link</a>"
            + "<iframe src=\"http://evil.example/\"></iframe><svg onload=\"alert(4)\"><circle/></svg>"
            + "<object data=\"evil.swf\"></object><embed src=\"evil.swf\"/>"
            + "<form action=\"http://evil.example/\"><input name=\"q\"/></form><style>body{display:none}</style>"
            + "<meta http-equiv=\"refresh\" content=\"0;url=http://evil.example/\"/><base href=\"http://evil.example/\"/>"
            + "<a href=\"http://example.org/ok\" style=\"background:url(javascript:alert(5))\" onmouseover=\"x()\">ok</a>"
            + "<div><p>kept <b>text</b></p></div>";

    @TempDir
    Path dataDir;
    ServiceFixture f;
    HostileFeedServer hostile;
    HostileFeedServer internal;
    int alice;
    int bob;

    @BeforeEach
    void setUp() throws Exception {
        f = new ServiceFixture(dataDir, true);
        hostile = new HostileFeedServer();
        internal = new HostileFeedServer(); // loopback, but not in the allow-list
        f.set("th.fetch.timeout", "2s");
        f.set("th.fetch.max.bytes", "1048576");
        f.set("th.allow.private.networks", f.feeds.hostPort() + "," + hostile.hostPort());
        alice = f.addEvernoteUser("alice");
        bob = f.addEvernoteUser("bob");
    }

    @AfterEach
    void tearDown() {
        hostile.close();
        internal.close();
        f.close();
    }

    private int trigger(int user, String name, String url) {
        return f.admin.addTrigger(user, name, url, "", "", Feeds.CREATED);
    }

    private String result(int trigger) throws Exception {
        return f.queryString("SELECT result FROM django_th_triggerservice WHERE id = " + trigger);
    }

    @Test
    void each_hostile_feed_fails_alone_with_its_reason_and_loses_nothing() throws Exception {
        Feeds good = new Feeds("good");
        int tGood = trigger(bob, "good", f.feeds.put("/good", good.add(2)));
        int tEvil = trigger(bob, "evil", f.feeds.put("/evil", Rss.feed()
                .item("evil-1", "Evil", "http://example.org/evil/1", Feeds.CREATED.atStartOfDay().toInstant(
                        java.time.ZoneOffset.UTC).plusSeconds(3600), EVIL_HTML).xml()));
        Map<String, Feeds> later = Map.of("/stall", new Feeds("stall"), "/trickle", new Feeds("trickle"),
                "/busy", new Feeds("busy"), "/bomb", new Feeds("bomb"), "/redirect", new Feeds("redirect"));
        later.values().forEach(feed -> feed.add(1));
        int tStall = trigger(alice, "stall", hostile.stallBeforeHeaders("/stall"));
        int tTrickle = trigger(alice, "trickle", hostile.stallInBody("/trickle", later.get("/trickle").xml()));
        int tGone = trigger(alice, "gone", hostile.status("/gone", 410, Map.of()));
        int tBusy = trigger(alice, "busy", hostile.status("/busy", 429, Map.of("Retry-After", "7200")));
        internal.feed("/internal", new Feeds("internal").add(1));
        int tRedirect = trigger(alice, "redirect", hostile.status("/redirect", 302,
                Map.of("Location", internal.url("/internal"))));
        int tBomb = trigger(alice, "bomb", hostile.gzipBomb("/bomb", 32 << 20));

        OnceSummary first;
        try (LogCapture log = new LogCapture()) {
            first = f.runOnce();
            assertThat(log.lines("feed failed", "trigger_id=" + tStall, "timeout")).hasSize(1);
        }

        assertThat(first.feedFailures()).isEqualTo(6);
        assertThat(first.duration()).isLessThan(Duration.ofSeconds(20));
        assertThat(result(tStall)).startsWith("feed error: no response from " + hostile.hostPort())
                .contains("total timeout of 2 s");
        assertThat(result(tTrickle)).isEqualTo("feed error: body not complete within the total timeout");
        assertThat(result(tGone)).startsWith("feed error: ").contains("410").endsWith("trigger switched off)");
        assertThat(f.queryInt("SELECT count(*) FROM django_th_triggerservice WHERE NOT status AND id = " + tGone)).isEqualTo(1);
        assertThat(result(tBusy)).startsWith("feed error: ").contains("429").contains("retry after 7200 s");
        assertThat(f.queryInt("SELECT extract(epoch FROM next_check_at - now())::int FROM thc_feed_state"
                + " WHERE trigger_id = " + tBusy)).isGreaterThanOrEqualTo(7190);
        assertThat(result(tRedirect)).startsWith("feed error: address 127.0.0.1").contains("TH_ALLOW_PRIVATE_NETWORKS");
        assertThat(internal.requests("/internal")).as("the redirect target was never contacted").isZero();
        assertThat(result(tBomb)).isEqualTo("feed error: body exceeds 1048576 bytes after decompression");
        for (int t : List.of(tStall, tTrickle, tGone, tBusy, tRedirect, tBomb)) {
            assertThat(f.queryInt("SELECT provider_failed FROM django_th_triggerservice WHERE id = " + t)).isEqualTo(1);
        }

        // The healthy triggers were not held up, and the hostile markup left nothing active in the note.
        assertThat(result(tGood)).isEqualTo("OK");
        assertThat(result(tEvil)).isEqualTo("OK");
        List<StoredNote> bobs = f.evernote.notes("tok-bob");
        assertThat(bobs).extracting(StoredNote::sourceUrl)
                .containsExactlyInAnyOrder(good.links().get(0), good.links().get(1), "http://example.org/evil/1");
        String evil = bobs.stream().filter(n -> n.title().equals("Evil")).findFirst().orElseThrow().content();
        String lower = evil.toLowerCase(Locale.ROOT);
        for (String banned : List.of("<script", "<iframe", "<object", "<embed", "<form", "<input", "<style", "<meta",
                "<base", "<svg", "javascript:", "alert(")) {
            assertThat(lower).as(banned).doesNotContain(banned);
        }
        assertThat(lower).doesNotContainPattern("\\son[a-z]+\\s*=");
        assertThat(evil).contains("Hi").contains("kept").contains("http://example.org/ok");
        assertThat(EnmlValidator.shared().problems(evil)).isEmpty();
        assertThat(f.queryInt("SELECT count(*) FROM thc_outbox WHERE user_id = " + alice)).isZero();

        // The feeds behave again: every entry arrives once; the gone feed stays switched off.
        later.forEach((path, feed) -> hostile.feed(path, feed.xml()));
        int goneRequests = hostile.requests("/gone");
        OnceSummary second = f.runOnce();

        assertThat(second.feedFailures()).isZero();
        assertThat(f.evernote.notes("tok-alice")).extracting(StoredNote::sourceUrl).containsExactlyInAnyOrderElementsOf(
                later.values().stream().flatMap(feed -> feed.links().stream()).toList());
        assertThat(f.evernote.notes("tok-bob")).hasSize(3);
        assertThat(hostile.requests("/gone")).isEqualTo(goneRequests);
        for (int t : List.of(tStall, tTrickle, tBusy, tRedirect, tBomb)) {
            assertThat(result(t)).isEqualTo("OK");
        }
    }
}

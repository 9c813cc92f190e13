package org.triggerhappy.camel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.evernote.edam.type.Resource;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triggerhappy.camel.testsupport.ArticlePage;
import org.triggerhappy.camel.testsupport.FakeEvernote.StoredNote;
import org.triggerhappy.camel.testsupport.Rss;
import org.triggerhappy.camel.testsupport.ServiceFixture;
import org.triggerhappy.camel.testsupport.TestImages;

/**
 * Whole articles with their images stored in the note, through the real routes and the real SDK; the local Evernote
 * checks every resource as the service does (hash, size, type, references) and keeps the upload allowance.
 */
class ImageNotesPipelineTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final LocalDate TWO_DAYS_AGO = LocalDate.ofInstant(NOW, ZoneOffset.UTC).minusDays(2);
    private static final Pattern EN_MEDIA = Pattern.compile("<en-media[^>]*hash=\"([0-9a-f]{32})\"");

    @TempDir
    Path dataDir;
    ServiceFixture f;
    int alice;
    int bob;
    byte[] a;
    byte[] b;
    byte[] c;

    @BeforeEach
    void setUp() throws Exception {
        f = new ServiceFixture(dataDir, false);
        f.set("th.full.content", "auto").set("th.images", "embed").set("th.image.max.bytes", "200000");
        alice = f.addEvernoteUser("alice");
        bob = f.addEvernoteUser("bob");
        a = TestImages.largePng(20_000, 1);
        b = TestImages.jpeg(80, 60, 2);
        c = TestImages.gif(30, 30, 3);
        f.feeds.put("/img/a.png", a, "image/png");
        f.feeds.put("/img/b", b, "application/octet-stream"); // the type comes from the bytes
        f.feeds.put("/img/c.gif", c, "image/gif");
        f.feeds.put("/img/huge.png", TestImages.largePng(300_000, 4), "image/png"); // over TH_IMAGE_MAX_BYTES
        f.feeds.put("/img/fake.png", "<html><body>not an image</body></html>", "image/png");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private String imagesHtml() {
        return "<figure><img src=\"../img/a.png\" alt=\"relative\" width=\"60\" height=\"40\"></figure>"
                + "<p><img src=\"" + f.feeds.url("/img/b") + "\" alt=\"absolute\"></p>"
                + "<p><img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" data-src=\"/img/c.gif\" alt=\"lazy\"></p>"
                + "<p><img src=\"/img/a.png\" alt=\"again\"></p>"
                + "<p><img src=\"/img/missing.png\" alt=\"404\"></p>"
                + "<p><img src=\"/img/huge.png\" alt=\"huge\"></p>"
                + "<p><img src=\"/img/fake.png\" alt=\"fake\"></p>"
                // loopback, but not on the allow-list: refused before any connection
                + "<p><img src=\"http://127.0.0.1:9/forbidden.png\" alt=\"forbidden\"></p>";
    }

    private int teaserTrigger(int user, String id) {
        String link = f.feeds.put("/posts/" + id, ArticlePage.html(id, "Story " + id, imagesHtml()),
                "text/html; charset=utf-8");
        return f.admin.addTrigger(user, "images " + id, f.feeds.put("/feed-" + id + ".xml", Rss.feed()
                .item(id, "Story " + id, link, NOW.minus(1, ChronoUnit.HOURS), "<p>Teaser.</p>").xml()),
                "", "", TWO_DAYS_AGO);
    }

    private static String md5(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }

    private static List<String> hashes(String enml) {
        Matcher m = EN_MEDIA.matcher(enml);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void the_articles_images_are_stored_in_the_note_and_the_rest_stay_remote() throws Exception {
        teaserTrigger(alice, "pics");

        f.runOnce();

        StoredNote note = f.evernote.notes("tok-alice").get(0);
        assertThat(note.content()).contains(ArticlePage.sentence("pics", 4));
        assertThat(note.resources()).extracting(Resource::getMime)
                .containsExactlyInAnyOrder("image/png", "image/jpeg", "image/gif");
        assertThat(hashes(note.content())).containsExactlyInAnyOrder(md5(a), md5(b), md5(c), md5(a));
        assertThat(note.resources()).extracting(r -> r.getAttributes().getSourceURL())
                .containsExactlyInAnyOrder(f.feeds.url("/img/a.png"), f.feeds.url("/img/b"), f.feeds.url("/img/c.gif"));
        // What could not be embedded stays a remote image: the note is written all the same.
        assertThat(note.content()).contains("src=\"" + f.feeds.url("/img/missing.png") + "\"")
                .contains("src=\"" + f.feeds.url("/img/huge.png") + "\"")
                .contains("src=\"" + f.feeds.url("/img/fake.png") + "\"")
                .contains("src=\"http://127.0.0.1:9/forbidden.png\"");
        assertThat(f.feeds.requests("/img/a.png")).as("the same image once per note").isEqualTo(1);
    }

    @Test
    void near_the_upload_allowance_images_stay_remote_and_quota_reached_waits_for_the_next_period()
            throws Exception {
        // Alice has room for the note's text but not for its images.
        f.evernote.setUploadLimit("tok-alice", 60_000, NOW.plus(30, ChronoUnit.DAYS));
        f.evernote.setUploaded("tok-alice", 60_000 - 12_000);
        teaserTrigger(alice, "tight");
        // Bob's allowance is used up: Evernote answers QUOTA_REACHED until his period ends.
        Instant bobsPeriodEnd = NOW.plus(20, ChronoUnit.DAYS);
        f.evernote.setUploadLimit("tok-bob", 60_000, bobsPeriodEnd);
        f.evernote.setUploaded("tok-bob", 60_000);
        int bobs = teaserTrigger(bob, "full");

        f.runOnce();

        StoredNote tight = f.evernote.notes("tok-alice").get(0);
        assertThat(tight.resources()).isEmpty();
        assertThat(tight.content()).contains("src=\"" + f.feeds.url("/img/a.png") + "\"").doesNotContain("en-media");
        assertThat(f.evernote.notes("tok-bob")).isEmpty();
        assertThat(f.queryString("SELECT kind FROM thc_user_pause WHERE user_id = " + bob)).isEqualTo("quota");
        assertThat(f.queryString("SELECT extract(epoch FROM paused_until)::bigint::text FROM thc_user_pause"
                + " WHERE user_id = " + bob)).isEqualTo(Long.toString(bobsPeriodEnd.getEpochSecond()));
        assertThat(f.queryString("SELECT result FROM django_th_triggerservice WHERE id = " + bobs))
                .contains("upload allowance");
        assertThat(f.queryInt("SELECT count(*) FROM thc_outbox WHERE state = 'pending' AND user_id = " + bob))
                .isEqualTo(1);

        // A restart does not deliver before the period ends; once it has ended, the notes go by themselves.
        f.runOnce();
        assertThat(f.evernote.notes("tok-bob")).isEmpty();
        f.execute("UPDATE thc_user_pause SET paused_until = now() - interval '1 second' WHERE user_id = " + bob);
        f.execute("UPDATE thc_outbox SET not_before = now() WHERE user_id = " + bob);
        f.evernote.setUploadLimit("tok-bob", 60_000_000, NOW.plus(50, ChronoUnit.DAYS));
        f.evernote.setUploaded("tok-bob", 0);
        f.runOnce();
        assertThat(f.evernote.notes("tok-bob")).singleElement()
                .satisfies(n -> assertThat(n.resources()).hasSize(3));
        assertThat(f.queryInt("SELECT count(*) FROM thc_user_pause WHERE user_id = " + bob)).isZero();
    }
}

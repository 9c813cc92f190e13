package org.triggerhappy.camel.evernote;

import com.evernote.edam.type.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triggerhappy.camel.fetch.AddressPolicy;
import org.triggerhappy.camel.fetch.FetchSettings;
import org.triggerhappy.camel.fetch.ImageFetcher;
import org.triggerhappy.camel.notes.EnexWriter;
import org.triggerhappy.camel.notes.EnmlValidator;
import org.triggerhappy.camel.notes.ImageOptions;
import org.triggerhappy.camel.notes.NoteComposer;
import org.triggerhappy.camel.notes.NoteDraft;
import org.triggerhappy.camel.notes.NoteResource;
import org.triggerhappy.camel.notes.NoteSource;
import org.triggerhappy.camel.testsupport.FakeEvernote;
import org.triggerhappy.camel.testsupport.FakeEvernote.StoredNote;
import org.triggerhappy.camel.testsupport.TestFeedServer;
import org.triggerhappy.camel.testsupport.TestImages;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Images inside the note, end to end: served on loopback, downloaded through the fetch guards, stored as resources,
 * written with the real SDK to the fake Evernote (which checks them as the service does) and to an ENEX file.
 */
class ImageNotesTest {

    private static final String TOKEN = "S=s1:U=3ea:E=19a:C=18f:P=1cd:A=en-devtoken:V=2:H=bbbbbbbbbbbbbbbb";
    private static final int IMAGE_CAP = 64 * 1024;
    private static final Pattern EN_MEDIA_HASH = Pattern.compile("<en-media [^>]*hash=\"([0-9a-f]{32})\"");
    private static final Pattern IMG_SRC = Pattern.compile("<img src=\"([^\"]*)\"");

    private final byte[] rel = TestImages.png(31, 17, 1);
    private final byte[] abs = TestImages.gif(20, 10, 2);
    private final byte[] photo = TestImages.jpeg(64, 48, 3);

    private TestFeedServer images;
    private TestFeedServer forbidden;
    private FakeEvernote fake;
    private EvernoteGateway gateway;
    private NoteComposer composer;
    private String link;

    @BeforeEach
    void start() throws Exception {
        images = new TestFeedServer();
        forbidden = new TestFeedServer();
        fake = new FakeEvernote();
        fake.addAccount(TOKEN, "alice");
        gateway = new EvernoteGateway(new EvernoteClients(fake.baseUrl(), Duration.ofSeconds(2), Duration.ofSeconds(10)));
        // Only the image server's port is allowed: the other loopback server stands for a private address.
        AddressPolicy policy = AddressPolicy.parse(images.hostPort());
        composer = new NoteComposer(new ImageFetcher(FetchSettings.defaults(policy), IMAGE_CAP));
        images.put("/img/rel.png", rel, "image/png");
        images.put("/img/copy-of-rel", rel, "application/octet-stream");
        images.put("/img/abs.gif", abs, "image/gif");
        images.put("/img/x/photo.jpg", photo, "image/jpeg");
        images.put("/img/huge.png", TestImages.largePng(2 * IMAGE_CAP, 5), "image/png");
        images.put("/img/page.png", "<html><body>Not here</body></html>".getBytes(StandardCharsets.UTF_8), "image/png");
        images.put("/img/drawing.png", "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>"
                .getBytes(StandardCharsets.UTF_8), "image/png");
        images.put("/img/pixel.gif", TestImages.gif(1, 1, 6), "image/gif");
        images.put("/img/beacon.gif", TestImages.gif(1, 1, 7), "image/gif");
        forbidden.put("/img/x.png", TestImages.png(8, 8, 8), "image/png");
        link = images.url("/img/x/one.html");
    }

    @AfterEach
    void stop() {
        fake.close();
        images.close();
        forbidden.close();
    }

    private NoteSource article() {
        String html = "<p>Intro</p>"
                + "<img src=\"/img/rel.png\" alt=\"relative\" width=\"31\" height=\"17\" class=\"hero\">"
                + "<p><img src=\"" + images.url("/img/abs.gif") + "\"></p>"
                + "<img src=\"../rel.png\">"                  // the same URL again
                + "<img src=\"/img/copy-of-rel\" alt=\"copy\">"   // the same bytes under another URL
                + "<img src=\"/img/missing.png\" alt=\"404\">"
                + "<img src=\"/img/huge.png\">"
                + "<img src=\"/img/page.png\">"
                + "<img src=\"/img/drawing.png\">"
                + "<img src=\"" + forbidden.url("/img/x.png") + "\">"
                + "<img src=\"/img/beacon.gif\" width=\"1\" height=\"1\">"
                + "<img src=\"/img/pixel.gif\">"
                + "<figure><img src=\"photo.jpg\" alt=\"A photo\"><figcaption>Caption</figcaption></figure>";
        return new NoteSource("Article", link, html,
                Instant.parse("2026-01-02T03:04:05Z"), null, "news", "Trigger");
    }

    @Test
    void good_images_become_resources_and_the_rest_stay_remote() throws Exception {
        NoteDraft draft = composer.compose(article(), ImageOptions.embed(Long.MAX_VALUE));

        assertThat(draft.imagesOverBudget()).isFalse();
        assertThat(draft.resources()).extracting(NoteResource::mime)
                .containsExactly("image/png", "image/gif", "image/jpeg");
        assertThat(draft.resources()).extracting(NoteResource::data).containsExactly(rel, abs, photo);
        assertThat(draft.resources()).extracting(NoteResource::sourceUrl).containsExactly(
                images.url("/img/rel.png"), images.url("/img/abs.gif"), images.url("/img/x/photo.jpg"));
        assertThat(draft.resources()).extracting(NoteResource::fileName).containsExactly("rel.png", "abs.gif",
                "photo.jpg");
        assertThat(draft.resources()).extracting(NoteResource::width).containsExactly(31, 20, 64);
        for (NoteResource r : draft.resources()) {
            assertThat(r.md5Hex()).isEqualTo(NoteResource.md5Hex(r.data()));
        }
        String enml = draft.enml();
        assertThat(EnmlValidator.shared().problems(enml)).isEmpty();
        assertThat(hashes(enml)).containsExactlyInAnyOrderElementsOf(
                draft.resources().stream().map(NoteResource::md5Hex).toList());
        assertThat(enml).contains("<en-media type=\"image/png\" hash=\"" + draft.resources().get(0).md5Hex()
                + "\" alt=\"relative\" width=\"31\" height=\"17\"/>");
        assertThat(count(enml, "<en-media type=\"image/png\"")).isEqualTo(3); // rel twice + its copy
        assertThat(remoteImages(enml)).containsExactly(images.url("/img/missing.png"), images.url("/img/huge.png"),
                images.url("/img/page.png"), images.url("/img/drawing.png"), forbidden.url("/img/x.png"),
                images.url("/img/pixel.gif"));
        assertThat(enml).as("a declared 1x1 tracking pixel is dropped").doesNotContain("beacon.gif");

        assertThat(forbidden.requests()).as("refused before connecting").isZero();
        assertThat(images.requests("/img/rel.png")).isEqualTo(1);
        assertThat(images.requests("/img/beacon.gif")).as("declared 1x1: not downloaded").isZero();

        String guid = gateway.createNote(TOKEN, draft);
        StoredNote stored = fake.notes(TOKEN).get(0);
        assertThat(stored.guid()).isEqualTo(guid);
        assertThat(stored.content()).isEqualTo(enml);
        assertThat(stored.resources()).hasSize(3);
        Resource first = stored.resources().get(0);
        assertThat(first.getData().getBody()).isEqualTo(rel);
        assertThat(HexFormat.of().formatHex(first.getData().getBodyHash())).isEqualTo(draft.resources().get(0).md5Hex());
        assertThat(first.getMime()).isEqualTo("image/png");
        assertThat(first.getWidth()).isEqualTo((short) 31);
        assertThat(first.getHeight()).isEqualTo((short) 17);
        assertThat(first.getAttributes().getSourceURL()).isEqualTo(images.url("/img/rel.png"));
        assertThat(first.getAttributes().getFileName()).isEqualTo("rel.png");
        assertThat(fake.uploaded(TOKEN)).isEqualTo(draft.sizeBytes());
    }

    @Test
    void without_image_options_nothing_is_downloaded() {
        NoteDraft plain = composer.compose(article());
        NoteDraft linked = composer.compose(article(), ImageOptions.LINK);

        assertThat(plain.resources()).isEmpty();
        assertThat(linked).isEqualTo(plain);
        assertThat(plain.enml()).doesNotContain("<en-media");
        assertThat(remoteImages(plain.enml())).hasSize(11); // all but the declared 1x1 tracking pixel
        assertThat(images.requests()).isZero();
    }

    @Test
    void a_note_over_the_remaining_allowance_keeps_remote_images_and_says_so() {
        NoteDraft full = composer.compose(article(), ImageOptions.embed(Long.MAX_VALUE));
        NoteDraft tight = composer.compose(article(), ImageOptions.embed(full.sizeBytes() - 1));
        NoteDraft none = composer.compose(article(), ImageOptions.embed(0));

        for (NoteDraft d : List.of(tight, none)) {
            assertThat(d.imagesOverBudget()).isTrue();
            assertThat(d.resources()).isEmpty();
            assertThat(d.enml()).doesNotContain("<en-media").isEqualTo(composer.compose(article()).enml());
        }
        assertThat(composer.compose(article(), ImageOptions.embed(full.sizeBytes())).resources()).hasSize(3);
    }

    @Test
    void the_gateway_reads_the_upload_allowance() throws Exception {
        Instant end = Instant.parse("2031-02-01T00:00:00Z");
        fake.setUploadLimit(TOKEN, 1_000_000, end);
        fake.setUploaded(TOKEN, 250_000);

        UploadAllowance allowance = gateway.uploadAllowance(TOKEN);

        assertThat(allowance).isEqualTo(new UploadAllowance(250_000, 1_000_000, end));
        assertThat(allowance.remaining()).isEqualTo(750_000);
        gateway.createNote(TOKEN, composer.compose(article(), ImageOptions.embed(allowance.remaining())));
        assertThat(gateway.uploadAllowance(TOKEN).uploaded()).isGreaterThan(250_000 + rel.length + abs.length);
    }

    @Test
    void the_plain_text_fallback_carries_no_resources() {
        NoteDraft full = composer.compose(article(), ImageOptions.embed(Long.MAX_VALUE));

        NoteDraft text = composer.plainTextFallback(full, article());

        assertThat(full.resources()).isNotEmpty();
        assertThat(text.resources()).isEmpty();
        assertThat(text.enml()).doesNotContain("<en-media");
    }

    @Test
    void a_note_beyond_the_upload_allowance_gets_quota_reached() throws Exception {
        NoteDraft draft = composer.compose(article(), ImageOptions.embed(Long.MAX_VALUE));
        Instant periodEnd = Instant.now().plus(Duration.ofDays(3));
        fake.setUploadLimit(TOKEN, draft.sizeBytes() + 10, periodEnd);
        fake.setUploaded(TOKEN, 11);

        EvernoteFailure failure = catchThrowableOfType(EvernoteFailure.class, () -> gateway.createNote(TOKEN, draft));

        assertThat(failure.kind()).isEqualTo(EvernoteFailure.Kind.QUOTA);
        assertThat(fake.notes(TOKEN)).isEmpty();
        assertThat(fake.uploaded(TOKEN)).isEqualTo(11);

        fake.setUploaded(TOKEN, 10);
        gateway.createNote(TOKEN, draft);
        assertThat(fake.notes(TOKEN)).hasSize(1);
        assertThat(fake.uploaded(TOKEN)).isEqualTo(draft.sizeBytes() + 10);
    }

    @Test
    void the_enex_file_carries_the_resources(@TempDir Path dir) throws Exception {
        NoteDraft draft = composer.compose(article(), ImageOptions.embed(Long.MAX_VALUE));

        Path file = new EnexWriter(dir).append(draft);

        Document doc = parse(file);
        Element note = (Element) doc.getElementsByTagName("note").item(0);
        List<String> children = new ArrayList<>();
        for (int i = 0; i < note.getChildNodes().getLength(); i++) {
            if (note.getChildNodes().item(i) instanceof Element child) {
                children.add(child.getTagName());
            }
        }
        assertThat(children).containsExactly("title", "content", "created", "tag", "note-attributes", "resource",
                "resource", "resource");
        NodeList resources = note.getElementsByTagName("resource");
        String content = note.getElementsByTagName("content").item(0).getTextContent();
        Set<String> dataHashes = new LinkedHashSet<>();
        for (int i = 0; i < resources.getLength(); i++) {
            Element resource = (Element) resources.item(i);
            Element data = (Element) resource.getElementsByTagName("data").item(0);
            assertThat(data.getAttribute("encoding")).isEqualTo("base64");
            byte[] body = Base64.getMimeDecoder().decode(data.getTextContent());
            assertThat(body).isEqualTo(draft.resources().get(i).data());
            dataHashes.add(NoteResource.md5Hex(body));
            assertThat(text(resource, "mime")).isEqualTo(draft.resources().get(i).mime());
            assertThat(text(resource, "source-url")).isEqualTo(draft.resources().get(i).sourceUrl());
            assertThat(text(resource, "file-name")).isEqualTo(draft.resources().get(i).fileName());
        }
        assertThat(text((Element) resources.item(0), "width")).isEqualTo("31");
        assertThat(hashes(content)).containsExactlyInAnyOrderElementsOf(dataHashes);
        assertThat(EnmlValidator.shared().problems(content)).isEmpty();
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setEntityResolver((publicId, systemId) -> new InputSource(new ByteArrayInputStream(new byte[0])));
        return builder.parse(file.toFile());
    }

    static Set<String> hashes(String enml) {
        Set<String> hashes = new LinkedHashSet<>();
        Matcher m = EN_MEDIA_HASH.matcher(enml);
        while (m.find()) {
            hashes.add(m.group(1));
        }
        return hashes;
    }

    private static List<String> remoteImages(String enml) {
        List<String> urls = new ArrayList<>();
        Matcher m = IMG_SRC.matcher(enml);
        while (m.find()) {
            urls.add(m.group(1).replace("&amp;", "&"));
        }
        return urls;
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}

package org.triggerhappy.camel.articles;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triggerhappy.camel.notes.EnmlPreview;
import org.triggerhappy.camel.notes.EnmlValidator;
import org.triggerhappy.camel.notes.FetchedImage;
import org.triggerhappy.camel.notes.ImageOptions;
import org.triggerhappy.camel.notes.NoteComposer;
import org.triggerhappy.camel.notes.NoteDraft;
import org.triggerhappy.camel.notes.NoteSource;
import org.triggerhappy.camel.testsupport.HeadlessChromium;

/**
 * A real-world article (a space.com news page of the evaluation set) as its note renders: the page's article found, its
 * images stored as resources, its embeds turned into links, the ENML shown as Evernote would (EnmlPreview) in
 * headless Chromium. The page's images live on other hosts: stand-ins made here take their place, so nothing is
 * fetched. {@code -Dth.article.screenshot=docs/img/article-note.png} keeps the screenshot.
 */
class ArticleNoteRenderTest {

    private static final String PAGE_URL =
            "https://www.space.com/nasa-picks-spacex-blue-origin-private-moon-lander-companies.html";

    @TempDir
    Path work;

    @Test
    void a_real_article_renders_with_its_images_and_without_the_page_around_it() throws Exception {
        ExtractionSet.Page page = ExtractionSet.pages().stream().filter(p -> p.url().equals(PAGE_URL)).findFirst()
                .orElseThrow();
        Article article = new ArticleExtractor().extract(page.html(), PAGE_URL, null).orElseThrow();
        Map<String, Integer> asked = new ConcurrentHashMap<>();
        NoteComposer composer = new NoteComposer(url -> {
            asked.merge(url, 1, Integer::sum);
            return Optional.of(new FetchedImage(standIn(url), url, "image/png"));
        });
        NoteDraft note = composer.compose(new NoteSource(article.title(), PAGE_URL, article.html(), null, "Space",
                "nasa, moon", "Space.com"), ImageOptions.embed(Long.MAX_VALUE));

        assertThat(EnmlValidator.shared().problems(note.enml())).isEmpty();
        int images = Jsoup.parse(article.html()).select("img[src^=http]").size();
        assertThat(images).isGreaterThanOrEqualTo(4);
        assertThat(note.resources()).hasSize(asked.size());
        assertThat(asked).hasSizeGreaterThanOrEqualTo(4).allSatisfy((url, n) -> assertThat(url).startsWith("https://"));
        // the page's article and little else: its hand-made body against the note's text
        ShingleScore score = ShingleScore.of(page.articleBody(), Jsoup.parse(note.enml()).text());
        assertThat(score.precision()).isGreaterThan(0.8);
        assertThat(score.recall()).isGreaterThan(0.9);

        String html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\""
                + " content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\"><style>"
                + "body{font:15px/1.45 sans-serif;max-width:760px;margin:24px auto;color:#222}"
                + "h1{background:#00a82d;color:#fff;font-size:15px;padding:10px}img{max-width:100%}</style></head><body>"
                + "<h1>Evernote note · " + org.jsoup.nodes.Entities.escape(note.title()) + " · "
                + note.resources().size() + " resources · " + note.enml().length() + " chars ENML</h1>"
                + EnmlPreview.html(note.enml(), note.resources()) + "</body></html>";
        Path file = Files.writeString(work.resolve("note.html"), html, StandardCharsets.UTF_8);
        HeadlessChromium chromium = new HeadlessChromium(work);
        Document shown = Jsoup.parse(chromium.dumpDom(file.toUri().toString()));
        assertThat(shown.select("img").eachAttr("src")).hasSize(note.resources().size())
                .allMatch(s -> s.startsWith("data:image/png;base64,"));
        Path png = chromium.screenshot(file.toUri().toString(), 900, 1500, "article-note.png");
        BufferedImage shot = ImageIO.read(png.toFile());
        assertThat(shot.getWidth()).isEqualTo(900);
        String keep = System.getProperty("th.article.screenshot");
        if (keep != null) {
            Files.copy(png, Path.of(keep), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A picture that says which image it stands in for. */
    private static byte[] standIn(String url) {
        BufferedImage img = new BufferedImage(480, 270, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(Color.HSBtoRGB((url.hashCode() & 0xff) / 255f, 0.45f, 0.45f)));
        g.fillRect(0, 0, 480, 270);
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.drawString("stand-in for", 12, 110);
        for (int i = 0, line = 0; i < url.length() && line < 4; i += 56, line++) {
            g.drawString(url.substring(i, Math.min(url.length(), i + 56)), 12, 132 + 20 * line);
        }
        g.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.triggerhappy.camel.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Optional;
import org.triggerhappy.camel.articles.Article;
import org.triggerhappy.camel.articles.ArticleExtractor;
import org.triggerhappy.camel.notes.FetchedImage;
import org.triggerhappy.camel.notes.ImageOptions;
import org.triggerhappy.camel.notes.NoteComposer;
import org.triggerhappy.camel.notes.NoteDraft;
import org.triggerhappy.camel.notes.NoteSource;

/** Single-thread CPU of the article path's stages on the article farm's pages (no network, no database). */
public final class ArticleCpuProbe {
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        ArticleImages images = new ArticleImages();
        String origin = "http://127.0.0.1:8080";
        ArticleExtractor extractor = new ArticleExtractor();
        NoteComposer composer = new NoteComposer(url -> {
            // /img/{feed}/{seq}/{k}.ext
            String[] p = url.substring(url.indexOf("/img/") + 5).split("/");
            int feed = Integer.parseInt(p[0]);
            int seq = Integer.parseInt(p[1]);
            int k = Integer.parseInt(p[2].substring(0, p[2].indexOf('.')));
            return Optional.of(new FetchedImage(images.bytes(ArticleImages.indexFor(feed, seq, k)), url, null));
        });
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        String[] pages = new String[n];
        for (int i = 0; i < n; i++) {
            pages[i] = ArticlePages.page(i % 50, i);
        }
        for (int r = 0; r < rounds; r++) {
            long extract = 0;
            long compose = 0;
            int media = 0;
            long chars = 0;
            for (int i = 0; i < n; i++) {
                String link = origin + ArticlePages.articlePath(i % 50, i);
                long t0 = mx.getCurrentThreadCpuTime();
                Article a = extractor.extract(pages[i], link, null).orElseThrow();
                long t1 = mx.getCurrentThreadCpuTime();
                NoteDraft d = composer.compose(new NoteSource("T " + i, link, a.html(), null, "", "a,b", "Site"),
                        ImageOptions.embed(Long.MAX_VALUE));
                long t2 = mx.getCurrentThreadCpuTime();
                extract += t1 - t0;
                compose += t2 - t1;
                media += d.resources().size();
                chars += d.enml().length();
            }
            System.out.printf(Locale.ROOT, "round %d: extract %.2f ms, compose+embed %.2f ms per note;"
                    + " resources/note %.1f, ENML chars/note %d%n", r, extract / 1e6 / n, compose / 1e6 / n,
                    media / (double) n, chars / n);
        }
    }
}

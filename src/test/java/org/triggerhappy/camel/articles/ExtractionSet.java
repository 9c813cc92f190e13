package org.triggerhappy.camel.articles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * The evaluation set in src/test/resources/extraction (see PROVENANCE.md there): real news and blog pages with
 * their hand-made article bodies. Pages are read one at a time, so the whole set never sits in memory.
 */
public final class ExtractionSet {

    private static final String ROOT = "/extraction/";

    /** One page: its id (file name stem), URL, and the true article text. */
    public record Page(String id, String url, String articleBody) {

        public String html() {
            return gunzip(ROOT + "html/" + id + ".html.gz");
        }
    }

    private ExtractionSet() {
    }

    /** Pages in the order of ground-truth.json. */
    public static List<Page> pages() {
        JsonNode truth = json(ROOT + "ground-truth.json.gz");
        List<Page> pages = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = truth.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            pages.add(new Page(e.getKey(), e.getValue().path("url").asText(""),
                    e.getValue().path("articleBody").asText("")));
        }
        return pages;
    }

    /** Scores an extractor (page to plain text; empty string when it found nothing) on every page. */
    public static ExtractionScores score(List<Page> pages, Function<Page, String> extractor) {
        List<ShingleScore> scores = new ArrayList<>();
        for (Page page : pages) {
            scores.add(ShingleScore.of(page.articleBody(), extractor.apply(page)));
        }
        return ExtractionScores.of(scores);
    }

    /** The benchmark's stored articleBody outputs of another extractor (e.g. readability_js-output.json.gz). */
    public static Map<String, String> storedOutput(String resource) {
        JsonNode node = json(ROOT + resource);
        JsonNode output = node.has("output") && node.has("version") ? node.get("output") : node;
        Map<String, String> bodies = new java.util.HashMap<>();
        output.fields().forEachRemaining(e -> bodies.put(e.getKey(), e.getValue().path("articleBody").asText("")));
        return bodies;
    }

    private static JsonNode json(String resource) {
        try {
            return new ObjectMapper().readTree(gunzip(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String gunzip(String resource) {
        try (InputStream in = ExtractionSet.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            try (InputStream gz = new GZIPInputStream(in)) {
                return new String(gz.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

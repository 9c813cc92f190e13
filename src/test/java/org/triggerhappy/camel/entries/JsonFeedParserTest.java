package org.triggerhappy.camel.entries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonFeedParserTest {
    private static final String FEED_URL = "https://example.org/feed.json";
    private final FeedParser parser = new FeedParser();

    private ParsedFeed parse(String json, String contentType) throws FeedParseException {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8), contentType, FEED_URL);
    }

    @Test
    void a_json_feed_1_1_reads_like_rss() throws Exception {
        ParsedFeed feed = parse("""
                {"version": "https://jsonfeed.org/version/1.1", "title": "Tech & Co",
                 "home_page_url": "https://example.org/", "authors": [{"name": "Feed Author"}],
                 "items": [
                  {"id": "1", "url": "/posts/1", "title": "First", "content_html": "<p>Hello <b>world</b></p>",
                   "summary": "ignored when there is content", "date_published": "2026-12-01T10:00:00+01:00",
                   "date_modified": "2026-12-02T10:00:00Z", "authors": [{"name": "Ada"}, {"name": "Bob"}],
                   "tags": ["java", "camel", ""], "image": "https://example.org/i.png",
                   "attachments": [{"url": "https://example.org/p.jpg", "mime_type": "image/jpeg"},
                                   {"url": "https://example.org/ep.mp3", "mime_type": "audio/mpeg", "title": "Episode"}]},
                  {"id": 2, "external_url": "https://other.example/x", "content_text": "a < b\\nc",
                   "date_modified": "2026-12-03T00:00:00Z"},
                  {"id": "3", "summary": "only a summary", "date_published": "yesterday"},
                  "not an item"
                 ]}
                """, "application/json");

        assertThat(feed.title()).isEqualTo("Tech & Co");
        assertThat(feed.link()).isEqualTo("https://example.org/");
        assertThat(feed.entries()).hasSize(3);
        FeedEntry first = feed.entries().get(0);
        assertThat(first.guid()).isEqualTo("1");
        assertThat(first.link()).isEqualTo("https://example.org/posts/1");
        assertThat(first.title()).isEqualTo("First");
        assertThat(first.published()).isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
        assertThat(first.author()).isEqualTo("Ada, Bob");
        assertThat(first.categories()).containsExactly("java", "camel");
        assertThat(first.contentHtml()).startsWith("<p>Hello <b>world</b></p>")
                .contains("<img src=\"https://example.org/i.png\"/>", "<img src=\"https://example.org/p.jpg\"/>")
                .contains("<a href=\"https://example.org/ep.mp3\">Episode</a>");
        FeedEntry second = feed.entries().get(1);
        assertThat(second.guid()).isEqualTo("2");
        assertThat(second.link()).isEqualTo("https://other.example/x");
        assertThat(second.contentHtml()).isEqualTo("a &lt; b\nc");
        assertThat(second.published()).isEqualTo(Instant.parse("2026-12-03T00:00:00Z"));
        assertThat(second.author()).as("the feed's authors apply").isEqualTo("Feed Author");
        FeedEntry third = feed.entries().get(2);
        assertThat(third.contentHtml()).isEqualTo("only a summary");
        assertThat(third.published()).as("a date that is not RFC 3339 leaves the entry undated").isNull();
        assertThat(third.link()).isNull();
    }

    @Test
    void version_1_0_author_and_the_media_type_alone_are_recognised() throws Exception {
        ParsedFeed v1 = parse("{\"version\": \"https://jsonfeed.org/version/1\", \"title\": \"Old\", \"items\":"
                + " [{\"id\": \"a\", \"content_text\": \"x\", \"author\": {\"name\": \"Cy\"}}]}", null);
        assertThat(v1.entries()).extracting(FeedEntry::author).containsExactly("Cy");
        ParsedFeed typed = parse("{\"items\": [{\"id\": \"b\", \"title\": \"T\"}]}", "application/feed+json; charset=utf-8");
        assertThat(typed.entries()).extracting(FeedEntry::title).containsExactly("T");
    }

    @Test
    void a_malformed_json_feed_is_a_clear_feed_error() {
        assertThatThrownBy(() -> parse("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [{\"id\": 1,]}",
                "application/feed+json"))
                .isInstanceOf(FeedParseException.class)
                .hasMessageStartingWith("JSON Feed error: ")
                .hasMessageContaining("line 1, column");
        assertThatThrownBy(() -> parse("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": {}}", null))
                .hasMessage("JSON Feed error: \"items\" is not an array");
        assertThatThrownBy(() -> parse("[1, 2]", "application/feed+json"))
                .hasMessage("JSON Feed error: the document is not a JSON object");
        assertThatThrownBy(() -> parse("[".repeat(10_000), "application/feed+json"))
                .hasMessageStartingWith("JSON Feed error: ").hasMessageContaining("nesting depth");
    }

    @Test
    void entries_sharing_an_id_get_the_same_dedup_rules_as_rss() throws Exception {
        ParsedFeed feed = parse("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": ["
                + "{\"id\": \"same\", \"url\": \"https://example.org/1\", \"title\": \"One\"},"
                + "{\"id\": \"same\", \"url\": \"https://example.org/2\", \"title\": \"Two\"}]}", null);
        List<KeyedEntry> keyed = EntryKeys.assign(feed.entries());
        assertThat(keyed).extracting(KeyedEntry::ledgerKey).doesNotHaveDuplicates();
    }
}

package org.triggerhappy.camel.entries;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArticleLinksTest {
    @Test
    void tracking_parameters_fragment_and_case_of_scheme_and_host_do_not_make_another_article() {
        String plain = ArticleLinks.canonical("https://example.org/posts/1?id=7");
        assertThat(plain).isEqualTo("https://example.org/posts/1?id=7");
        assertThat(ArticleLinks.canonical("HTTPS://Example.ORG/posts/1?utm_source=rss&id=7&UTM_Medium=x&fbclid=abc"
                + "&gclid=1&mc_cid=2&mc_eid=3#comments")).isEqualTo(plain);
        assertThat(ArticleLinks.key("https://example.org/posts/1?id=7&utm_campaign=c"))
                .isEqualTo(ArticleLinks.key("https://example.org/posts/1?id=7"));
        assertThat(ArticleLinks.canonical("https://example.org")).isEqualTo("https://example.org/");
    }

    @Test
    void other_parameters_paths_and_path_case_stay_distinct() {
        assertThat(ArticleLinks.key("https://example.org/p?id=1")).isNotEqualTo(ArticleLinks.key("https://example.org/p?id=2"));
        assertThat(ArticleLinks.key("https://example.org/Post")).isNotEqualTo(ArticleLinks.key("https://example.org/post"));
        assertThat(ArticleLinks.canonical("https://example.org/p?utm=keep")).isEqualTo("https://example.org/p?utm=keep");
    }

    @Test
    void no_link_no_identity() {
        assertThat(ArticleLinks.key(null)).isNull();
        assertThat(ArticleLinks.key(" ")).isNull();
        assertThat(ArticleLinks.key("not a url with spaces")).isNull();
        assertThat(ArticleLinks.key("/relative/only")).isNull();
    }
}

package org.triggerhappy.camel.notes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.triggerhappy.camel.articles.ExtractionSet;

class UrlPolicyTest {

    private static final String BASE = "https://news.example.org:8443/a/b/page.html";

    @Test
    void a_url_taken_as_it_is_is_what_the_full_resolution_gives() {
        List<String> urls = new ArrayList<>(List.of("https://example.org/", "http://a.example/x?y=1#z",
                "https://example.org:8080/p", "https://xn--bcher-kva.example/", "https://a-b.c9.example/%20x",
                "https://a.example/p?q=a%2Fb&r=(1)*!~'$;,@:", "http://a.example/x#y#z", "https://a.example:080/",
                "https://A.example/", "https://-a.example/", "https://a-.example/", "https://a.1/", "https://a..b/",
                "https://a.b./", "https://a.example", "https://a.example?x", "https://user@a.example/",
                "https://a.example/%zz", "https://a.example/ü", "https://a_b.example/", "https://1.2.3.4/", "http://127.0.0.1:8080/a", "http://1.2.3.256/", "http://01.2.3.4/", "http://1.2.3/",
                "https://a.example:/", "https://a.example:99999/x", "HTTP://a.example/", "https://a.example/[x]",
                "https://" + "a".repeat(64) + ".example/"));
        for (ExtractionSet.Page page : ExtractionSet.pages().subList(0, 60)) {
            for (Element e : Jsoup.parse(page.html()).select("a[href], img[src]")) {
                urls.add(e.hasAttr("href") ? e.attr("href") : e.attr("src"));
            }
        }
        int canonical = 0;
        for (String url : urls) {
            if (CanonicalUrls.isAlreadyCanonical(url)) {
                canonical++;
                assertThat(UrlPolicy.resolveSlowly(url, BASE, UrlPolicy.LINK_SCHEMES)).as(url).isEqualTo(url);
                assertThat(UrlPolicy.resolveSlowly(url, BASE, UrlPolicy.IMAGE_SCHEMES)).as(url).isEqualTo(url);
            }
        }
        assertThat(canonical).as("links of real pages taken as they are").isGreaterThan(urls.size() / 3);
        assertThat(CanonicalUrls.isAlreadyCanonical("https://example.org/")).isTrue();
        assertThat(CanonicalUrls.isAlreadyCanonical("https://A.example/")).isFalse();
        assertThat(CanonicalUrls.isAlreadyCanonical("https://a.example")).isFalse();
        assertThat(CanonicalUrls.isAlreadyCanonical("/relative")).isFalse();
        assertThat(CanonicalUrls.isAlreadyCanonical("http://127.0.0.1:8080/a")).isTrue();
    }
}

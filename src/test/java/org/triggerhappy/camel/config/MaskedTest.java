package org.triggerhappy.camel.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaskedTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://example.org/feed.xml | https://example.org/feed.xml",
            "https://example.org/rss?key=SECRET&format=rss | https://example.org/rss?key=…&format=…",
            "https://bob:pa55@example.org:8443/f?flag | https://…@example.org:8443/f?…",
            "https://token@example.org/f | https://…@example.org/f",
            "http://[::1]:8080/a | http://[::1]:8080/a",
            "https://medium.com/@alice/feed | https://medium.com/@alice/feed",
            "https://example.org/f?a=1;b=2#access_token=SECRET | https://example.org/f?a=…&b=…",
            "https://example.org/f?x=has space | https://example.org/f?x=…",
            "jdbc:postgresql://db:5432/th?user=th&password=SECRET&ssl=true | jdbc:postgresql://db:5432/th?user=…&password=…&ssl=…",
            "jdbc:postgresql://u:SECRET@h1:5432,h2:5432/th | jdbc:postgresql://…@h1:5432,h2:5432/th",
            "not a url at all | not a url at all",
    })
    void urls_keep_scheme_host_and_path_only(String url, String shown) {
        assertThat(Masked.url(url)).isEqualTo(shown);
    }

    @Test
    void urls_inside_text_and_password_parameters_are_masked() {
        assertThat(Masked.text("redirect loop at https://u:SECRET@x.org/a?k=SECRET, then (http://y.org/?t=SECRET)"))
                .isEqualTo("redirect loop at https://…@x.org/a?k=…, then (http://y.org/?t=…)");
        assertThat(Masked.text("connect failed: password=SECRET user=th")).isEqualTo("connect failed: password=… user=th");
        assertThat(Masked.text("no url here")).isEqualTo("no url here");
        assertThat(Masked.text(null)).isNull();
        assertThat(Masked.url(null)).isEmpty();
    }

    @Test
    void an_exception_copy_keeps_its_traces_and_masks_every_message() {
        Exception cause = new IllegalStateException("GET https://x.org/f?apikey=SECRET failed");
        RuntimeException e = new RuntimeException("refresh of https://a:SECRET@x.org/f failed", cause);
        e.addSuppressed(new Exception("token=SECRET"));
        Throwable m = Masked.exception(e);
        StringWriter w = new StringWriter();
        m.printStackTrace(new PrintWriter(w));
        assertThat(w.toString()).doesNotContain("SECRET")
                .contains("java.lang.RuntimeException: refresh of https://…@x.org/f failed")
                .contains("Caused by: java.lang.IllegalStateException: GET https://x.org/f?apikey=… failed")
                .contains("MaskedTest.an_exception_copy_keeps_its_traces_and_masks_every_message");
        assertThat(m.getStackTrace()).isEqualTo(e.getStackTrace());
    }
}

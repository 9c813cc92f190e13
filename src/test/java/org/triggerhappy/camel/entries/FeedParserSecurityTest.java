package org.triggerhappy.camel.entries;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Hostile XML: external entities and DTDs are never read, entity bombs fail fast. */
class FeedParserSecurityTest {

    private static final String SECRET = "TOP-SECRET-MARKER-4711";

    private final FeedParser parser = new FeedParser();

    @TempDir
    Path dir;

    @Test
    void external_general_entity_never_reads_the_file() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), SECRET);
        String xml = "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<rss version=\"2.0\"><channel><title>t &xxe;</title><link>http://example.org/</link>"
                + "<item><title>i &xxe;</title><description>d &xxe;</description><guid>g</guid></item>"
                + "</channel></rss>";

        assertSecretNeverAppears(xml);
    }

    @Test
    void etc_passwd_is_never_read() {
        String xml = "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                + "<rss version=\"2.0\"><channel><title>t</title>"
                + "<item><title>&xxe;</title><description>&xxe;</description></item></channel></rss>";

        Object outcome = outcomeOf(xml);

        assertThat(String.valueOf(outcome)).doesNotContain("root:");
    }

    @Test
    void external_parameter_entity_and_external_dtd_are_never_loaded() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), SECRET);
        Path dtd = Files.writeString(dir.resolve("evil.dtd"), "<!ENTITY leak \"" + SECRET + "\">");
        String viaParameter = "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE rss [<!ENTITY % p SYSTEM \"" + dtd.toUri() + "\"> %p;]>\n"
                + "<rss version=\"2.0\"><channel><title>t</title><item><title>&leak;</title></item></channel></rss>";
        String viaDtd = "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE rss SYSTEM \"" + dtd.toUri() + "\">\n"
                + "<rss version=\"2.0\"><channel><title>t</title><item><title>&leak;</title></item></channel></rss>";
        assertThat(secret).exists();

        assertSecretNeverAppears(viaParameter);
        assertSecretNeverAppears(viaDtd);
    }

    @Test
    void remote_dtd_is_never_fetched() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String xml = "<?xml version=\"1.0\"?>\n"
                    + "<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \"http://127.0.0.1:"
                    + server.getLocalPort() + "/rss-0.91.dtd\">\n"
                    + "<rss version=\"0.91\"><channel><title>t</title><link>http://example.org/</link>"
                    + "<description>d</description><language>en</language>"
                    + "<item><title>i</title><link>http://example.org/1</link></item></channel></rss>";

            ParsedFeed feed = parser.parse(xml.getBytes(StandardCharsets.UTF_8), null, null);

            assertThat(feed.entries()).hasSize(1);
            server.setSoTimeout(200); // a connection attempt would be waiting in the accept backlog
            assertThatThrownBy(server::accept).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    @Timeout(10)
    void billion_laughs_fails_fast() {
        StringBuilder dtd = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            String ref = ("&lol" + (i - 1) + ";").repeat(10);
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(ref).append("\">");
        }
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [" + dtd + "]>\n"
                + "<rss version=\"2.0\"><channel><title>&lol9;</title></channel></rss>";

        long start = System.nanoTime();
        Throwable thrown = catchThrowable(() -> parser.parse(xml.getBytes(StandardCharsets.UTF_8), null, null));

        assertThat(thrown).isInstanceOf(FeedParseException.class).hasMessageStartingWith("XML error at line");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    @Timeout(10)
    void quadratic_blowup_is_capped() {
        String big = "x".repeat(100_000);
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY big \"" + big + "\">]>\n"
                + "<rss version=\"2.0\"><channel><title>t</title><item><description>"
                + "&big;".repeat(2_000) + "</description></item></channel></rss>";

        assertThatThrownBy(() -> parser.parse(xml.getBytes(StandardCharsets.UTF_8), null, null))
                .isInstanceOf(FeedParseException.class)
                .hasMessageStartingWith("XML error at line");
    }

    @Test
    void small_internal_entities_still_expand() throws Exception {
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY who \"Camel\">]>\n"
                + "<rss version=\"2.0\"><channel><title>t</title><item><title>Hello &who;</title></item>"
                + "</channel></rss>";

        ParsedFeed feed = parser.parse(xml.getBytes(StandardCharsets.UTF_8), null, null);

        assertThat(feed.entries().get(0).title()).isEqualTo("Hello Camel");
    }

    private void assertSecretNeverAppears(String xml) {
        assertThat(String.valueOf(outcomeOf(xml))).doesNotContain(SECRET);
    }

    /** The parsed feed, or the exception: either way its text must not carry file contents. */
    private Object outcomeOf(String xml) {
        try {
            return parser.parse(xml.getBytes(StandardCharsets.UTF_8), null, null);
        } catch (FeedParseException e) {
            return e.getMessage();
        }
    }
}

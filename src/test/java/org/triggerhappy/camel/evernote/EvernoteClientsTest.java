package org.triggerhappy.camel.evernote;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.triggerhappy.camel.testsupport.FakeEvernote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvernoteClientsTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    @ParameterizedTest
    @ValueSource(strings = {"https://www.evernote.com", "https://www.evernote.com/", "http://127.0.0.1:8080",
            "http://localhost:1"})
    void accepts_https_and_loopback_http(String url) {
        assertThat(new EvernoteClients(url, SECOND, SECOND).baseUrl()).doesNotEndWith("/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://www.evernote.com", "ftp://127.0.0.1", "www.evernote.com", "https://exa mple.com"})
    void rejects_plain_http_to_the_internet_and_malformed_urls(String url) {
        assertThatThrownBy(() -> new EvernoteClients(url, SECOND, SECOND)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void note_store_url_from_the_service_is_checked_too() {
        EvernoteClients clients = new EvernoteClients("https://www.evernote.com", SECOND, SECOND);

        assertThat(clients.noteStore("https://www.evernote.com/shard/s1/notestore")).isNotNull();
        assertThatThrownBy(() -> clients.noteStore("http://www.evernote.com/shard/s1/notestore"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timeouts_must_be_finite_and_at_least_one_millisecond() {
        assertThatThrownBy(() -> new EvernoteClients("https://www.evernote.com", Duration.ZERO, SECOND))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EvernoteClients("https://www.evernote.com", SECOND, Duration.ofNanos(10)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clients_use_the_http_transport_on_the_user_store_path() {
        EvernoteClients clients = new EvernoteClients("https://www.evernote.com", SECOND, SECOND);

        assertThat(clients.userStore().getInputProtocol().getTransport()).isInstanceOf(EvernoteTransport.class);
        assertThat(clients.userStore()).isNotSameAs(clients.userStore()); // one per call: SDK clients are not thread-safe
    }

    @Test
    void loading_the_class_turns_off_the_jdk_silent_post_retry() {
        new EvernoteClients("https://www.evernote.com", SECOND, SECOND);

        assertThat(System.getProperty("sun.net.http.retryPost")).isEqualTo("false");
    }

    /**
     * Surefire already passes -Dsun.net.http.retryPost=false, so prove the static initializer in a fresh JVM that asks
     * for the JDK default (true): a dropped createNote must still leave exactly one note behind.
     */
    @Test
    void fresh_jvm_without_the_flag_does_not_resend_a_dropped_create() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process probe = new ProcessBuilder(List.of(java.toString(), "-Dsun.net.http.retryPost=true",
                "-cp", System.getProperty("java.class.path"), RetryPostProbe.class.getName()))
                .redirectErrorStream(true)
                .start();
        boolean finished = probe.waitFor(60, TimeUnit.SECONDS);
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(finished).as("probe finished").isTrue();
        assertThat(output).contains("notes=1 calls=1");
    }

    @Test
    void user_agent_identifies_the_application() throws Exception {
        try (FakeEvernote fake = new FakeEvernote()) {
            fake.addAccount("t", "u");
            new EvernoteClients(fake.baseUrl(), SECOND, SECOND).userStore().getUser("t");

            assertThat(fake.userAgents()).containsExactly("TriggerHappyCamel/0.1");
        }
    }
}

package org.triggerhappy.camel.evernote;

import com.evernote.edam.error.EDAMErrorCode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.triggerhappy.camel.evernote.EvernoteFailure.Kind;
import org.triggerhappy.camel.notes.NoteDraft;
import org.triggerhappy.camel.testsupport.FakeEvernote;
import org.triggerhappy.camel.testsupport.FakeEvernote.Fault;
import org.triggerhappy.camel.testsupport.FakeEvernote.StoredNote;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.triggerhappy.camel.evernote.TestDrafts.draft;

/** Every way a call can fail, through the real SDK against FakeEvernote, ends as the right EvernoteFailure.Kind. */
class EvernoteGatewayFailureTest {

    private static final String TOKEN = "S=s1:U=3e9:E=19a:C=18f:P=1cd:A=en-devtoken:V=2:H=5ecre75ecre75ecre7";
    private static final NoteDraft DRAFT = draft("Item", "https://e.org/item", "Feeds", "rss");
    private static final Duration READ_TIMEOUT = Duration.ofMillis(400);

    private FakeEvernote fake;
    private EvernoteGateway gateway;

    @BeforeEach
    void start() {
        fake = new FakeEvernote();
        fake.addAccount(TOKEN, "alice");
        gateway = new EvernoteGateway(new EvernoteClients(fake.baseUrl(), Duration.ofSeconds(2), READ_TIMEOUT));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                arguments("createNote", Fault.rateLimit(42), Kind.RATE_LIMITED),
                arguments("createNote", Fault.authExpired(), Kind.AUTH_EXPIRED),
                arguments("createNote", Fault.http500(), Kind.TRANSIENT),
                arguments("createNote", Fault.dropConnectionAfterStore(), Kind.AMBIGUOUS),
                arguments("createNote", Fault.delay(Duration.ofMillis(1500)), Kind.AMBIGUOUS),
                arguments("createNote", Fault.unknownErrorCode(28), Kind.AMBIGUOUS),
                arguments("createNote", Fault.htmlPage("text/html; charset=utf-8"), Kind.AMBIGUOUS),
                arguments("createNote", Fault.htmlPage("application/x-thrift"), Kind.AMBIGUOUS),
                arguments("createNote", Fault.systemError(EDAMErrorCode.SHARD_UNAVAILABLE), Kind.TRANSIENT),
                arguments("createNote", Fault.systemError(EDAMErrorCode.INTERNAL_ERROR), Kind.TRANSIENT),
                arguments("createNote", Fault.userError(EDAMErrorCode.PERMISSION_DENIED, "Note.notebookGuid"),
                        Kind.PERMISSION_DENIED),
                arguments("createNote", Fault.userError(EDAMErrorCode.LIMIT_REACHED, "Notebook.name"), Kind.PERMANENT),
                arguments("createNote", Fault.enmlValidation(), Kind.ENML_INVALID),
                arguments("getNoteStoreUrl", Fault.authExpired(), Kind.AUTH_EXPIRED),
                arguments("getNoteStoreUrl", Fault.http500(), Kind.TRANSIENT),
                arguments("listNotebooks", Fault.rateLimit(900), Kind.RATE_LIMITED),
                arguments("listNotebooks", Fault.dropConnectionAfterStore(), Kind.TRANSIENT),
                arguments("listNotebooks", Fault.delay(Duration.ofMillis(1500)), Kind.TRANSIENT),
                arguments("listNotebooks", Fault.unknownErrorCode(28), Kind.TRANSIENT),
                arguments("listNotebooks", Fault.htmlPage("text/html"), Kind.TRANSIENT),
                arguments("createNotebook", Fault.dropConnectionAfterStore(), Kind.TRANSIENT),
                arguments("listTags", Fault.http500(), Kind.TRANSIENT),
                arguments("createTag", Fault.authExpired(), Kind.AUTH_EXPIRED));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("faults")
    void fault_maps_to_kind(String method, Fault fault, Kind expected) {
        fake.failNext(method, fault);

        EvernoteFailure failure = catchThrowableOfType(EvernoteFailure.class, () -> gateway.createNote(TOKEN, DRAFT));

        assertThat(failure.kind()).isEqualTo(expected);
        assertThat(fake.calls(method)).isEqualTo(1); // no hidden retry, by us or by the JDK
        assertThatTokenIsNotIn(failure);
    }

    @Test
    void rate_limit_carries_the_duration() {
        fake.failNext("createNote", Fault.rateLimit(1722));

        EvernoteFailure failure = catchThrowableOfType(EvernoteFailure.class, () -> gateway.createNote(TOKEN, DRAFT));

        assertThat(failure.rateLimitSeconds()).hasValue(1722);
        assertThat(failure).hasMessageContaining("1722");
    }

    @Test
    void other_kinds_have_no_rate_limit_duration() {
        fake.failNext("createNote", Fault.http500());

        EvernoteFailure failure = catchThrowableOfType(EvernoteFailure.class, () -> gateway.createNote(TOKEN, DRAFT));

        assertThat(failure.rateLimitSeconds()).isEmpty();
        assertThat(failure.detail()).isEqualTo("HTTP 500");
    }

    @Test
    void dropped_create_is_ambiguous_and_reconciles_to_the_one_stored_note() throws Exception {
        fake.failNext("createNote", Fault.dropConnectionAfterStore());

        EvernoteFailure failure = catchThrowableOfType(EvernoteFailure.class, () -> gateway.createNote(TOKEN, DRAFT));

        assertThat(failure.kind()).isEqualTo(Kind.AMBIGUOUS);
        List<StoredNote> notes = fake.notes(TOKEN);
        assertThat(notes).hasSize(1); // the JDK did not silently re-send the POST
        assertThat(gateway.findBySourceUrl(TOKEN, DRAFT)).contains(notes.get(0).guid());
    }

    @Test
    void read_timeout_on_create_is_ambiguous_and_the_late_note_is_found() throws Exception {
        fake.failNext("createNote", Fault.delay(READ_TIMEOUT.multipliedBy(3)));

        EvernoteFailure failure = catchThrowableOfType(EvernoteFailure.class, () -> gateway.createNote(TOKEN, DRAFT));

        assertThat(failure.kind()).isEqualTo(Kind.AMBIGUOUS);
        assertThat(failure.detail()).contains("SocketTimeoutException");
        await().atMost(Duration.ofSeconds(5)).until(() -> fake.notes(TOKEN).size() == 1);
        assertThat(gateway.findBySourceUrl(TOKEN, DRAFT)).contains(fake.notes(TOKEN).get(0).guid());
    }

    @Test
    void ambiguous_failure_before_the_note_landed_reconciles_to_empty() throws Exception {
        gateway.createNote(TOKEN, draft("Warm-up", "https://e.org/warm", "Feeds"));
        fake.failNext("createNote", Fault.http500());

        catchThrowableOfType(EvernoteFailure.class, () -> gateway.createNote(TOKEN, DRAFT));

        assertThat(gateway.findBySourceUrl(TOKEN, DRAFT)).isEmpty();
    }

    @Test
    void retry_after_a_dropped_create_notebook_reuses_the_notebook_the_service_made() throws Exception {
        fake.failNext("createNotebook", Fault.dropConnectionAfterStore());
        catchThrowableOfType(EvernoteFailure.class, () -> gateway.createNote(TOKEN, DRAFT));

        gateway.createNote(TOKEN, DRAFT);

        assertThat(fake.notebookNames(TOKEN)).containsExactly("alice's notebook", "Feeds");
        assertThat(fake.notes(TOKEN)).extracting(StoredNote::notebookName).containsExactly("Feeds");
    }

    @Test
    void connection_refused_is_transient() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        EvernoteGateway nowhere = new EvernoteGateway(new EvernoteClients("http://127.0.0.1:" + closedPort,
                Duration.ofSeconds(1), Duration.ofSeconds(1)));

        EvernoteFailure failure = catchThrowableOfType(EvernoteFailure.class, () -> nowhere.createNote(TOKEN, DRAFT));

        assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(failure.detail()).contains("ConnectException");
        assertThatTokenIsNotIn(failure);
    }

    @Test
    void unknown_token_is_invalid_auth() {
        String stranger = "S=s9:U=1:E=1:C=1:P=1:A=x:V=2:H=notknownnotknown";

        EvernoteFailure failure = catchThrowableOfType(EvernoteFailure.class, () -> gateway.createNote(stranger, DRAFT));

        assertThat(failure.kind()).isEqualTo(Kind.INVALID_AUTH);
        assertThat(failure.getMessage()).doesNotContain(stranger);
    }

    @Test
    void expired_token_is_auth_expired_and_its_cache_is_dropped() throws Exception {
        gateway.createNote(TOKEN, DRAFT);
        fake.expireToken(TOKEN);

        EvernoteFailure first = catchThrowableOfType(EvernoteFailure.class, () -> gateway.createNote(TOKEN, DRAFT));
        EvernoteFailure check = catchThrowableOfType(EvernoteFailure.class, () -> gateway.checkUser(TOKEN));

        assertThat(first.kind()).isEqualTo(Kind.AUTH_EXPIRED);
        assertThat(check.kind()).isEqualTo(Kind.AUTH_EXPIRED);
        assertThatTokenIsNotIn(first);
        assertThat(fake.calls("getNoteStoreUrl")).isEqualTo(1);
        catchThrowableOfType(EvernoteFailure.class, () -> gateway.createNote(TOKEN, DRAFT));
        assertThat(fake.calls("getNoteStoreUrl")).isEqualTo(2); // forgotten, so looked up again
    }

    @Test
    void invalid_enml_is_enml_invalid_with_the_validator_message() {
        NoteDraft bad = new NoteDraft("Bad", TestDrafts.enml("<div id=\"main\">x</div>"), "https://e.org/bad", null,
                null, List.of());

        EvernoteFailure failure = catchThrowableOfType(EvernoteFailure.class, () -> gateway.createNote(TOKEN, bad));

        assertThat(failure.kind()).isEqualTo(Kind.ENML_INVALID);
        assertThat(failure.detail()).isEqualTo("Attribute \"id\" must be declared for element type \"div\".");
    }

    @Test
    void bad_title_is_permanent() {
        NoteDraft bad = draft(" padded ", "https://e.org/bad", null);

        EvernoteFailure failure = catchThrowableOfType(EvernoteFailure.class, () -> gateway.createNote(TOKEN, bad));

        assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(failure.detail()).isEqualTo("invalid note: BAD_DATA_FORMAT Note.title");
    }

    @Test
    void search_without_permission_is_permission_denied() throws Exception {
        gateway.createNote(TOKEN, DRAFT);
        fake.permissionDeniedSearch(TOKEN);

        EvernoteFailure failure = catchThrowableOfType(EvernoteFailure.class, () -> gateway.findBySourceUrl(TOKEN, DRAFT));

        assertThat(failure.kind()).isEqualTo(Kind.PERMISSION_DENIED);
        assertThatTokenIsNotIn(failure);
    }

    @Test
    void search_during_a_rate_limit_is_rate_limited() {
        fake.failNext("findNotesMetadata", Fault.rateLimit(60));
        NoteDraft inDefaultNotebook = draft("Item", "https://e.org/item", null);

        EvernoteFailure failure = catchThrowableOfType(EvernoteFailure.class,
                () -> gateway.findBySourceUrl(TOKEN, inDefaultNotebook));

        assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(failure.rateLimitSeconds()).hasValue(60);
    }

    @Test
    void check_user_maps_failures_too() {
        fake.failNext("getUser", Fault.unknownErrorCode(28));

        EvernoteFailure failure = catchThrowableOfType(EvernoteFailure.class, () -> gateway.checkUser(TOKEN));

        assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(failure.detail()).contains("unreadable reply");
    }

    /** Message, detail, every cause and the printed stack trace are free of the token. */
    private static void assertThatTokenIsNotIn(EvernoteFailure failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(TOKEN).doesNotContain("5ecre7");
        assertThat(failure.detail()).doesNotContain(TOKEN);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(TOKEN);
            assertThat(t.toString()).doesNotContain(TOKEN);
        }
    }
}

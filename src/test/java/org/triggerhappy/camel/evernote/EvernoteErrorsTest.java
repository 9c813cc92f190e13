package org.triggerhappy.camel.evernote;

import com.evernote.edam.error.EDAMErrorCode;
import com.evernote.edam.error.EDAMNotFoundException;
import com.evernote.edam.error.EDAMSystemException;
import com.evernote.edam.error.EDAMUserException;
import com.evernote.thrift.TApplicationException;
import com.evernote.thrift.protocol.TProtocolException;
import com.evernote.thrift.transport.TTransportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.triggerhappy.camel.evernote.EvernoteErrors.Call;
import org.triggerhappy.camel.evernote.EvernoteFailure.Kind;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The classification table of evernote.md §2/§7, on exceptions as the SDK builds them. */
class EvernoteErrorsTest {

    private static EDAMUserException user(EDAMErrorCode code, String parameter) {
        EDAMUserException e = new EDAMUserException(code);
        e.setParameter(parameter);
        return e;
    }

    private static EDAMSystemException system(EDAMErrorCode code) {
        return new EDAMSystemException(code);
    }

    private static TTransportException io(Exception cause) {
        return new TTransportException(cause);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // exception, kind for a read, kind for createNote
                arguments(user(EDAMErrorCode.AUTH_EXPIRED, "authenticationToken"), Kind.AUTH_EXPIRED, Kind.AUTH_EXPIRED),
                arguments(user(EDAMErrorCode.INVALID_AUTH, "authenticationToken"), Kind.INVALID_AUTH, Kind.INVALID_AUTH),
                arguments(user(EDAMErrorCode.ENML_VALIDATION, "msg"), Kind.ENML_INVALID, Kind.ENML_INVALID),
                arguments(user(EDAMErrorCode.PERMISSION_DENIED, "Note"), Kind.PERMISSION_DENIED, Kind.PERMISSION_DENIED),
                arguments(user(EDAMErrorCode.QUOTA_REACHED, "Accounting.uploadLimit"), Kind.QUOTA, Kind.QUOTA),
                arguments(user(EDAMErrorCode.BAD_DATA_FORMAT, "Note.title"), Kind.PERMANENT, Kind.PERMANENT),
                arguments(user(EDAMErrorCode.LIMIT_REACHED, "Note"), Kind.PERMANENT, Kind.PERMANENT),
                arguments(user(EDAMErrorCode.LIMIT_REACHED, "Notebook.name"), Kind.PERMANENT, Kind.PERMANENT),
                arguments(user(EDAMErrorCode.LIMIT_REACHED, "Tag.name"), Kind.PERMANENT, Kind.PERMANENT),
                arguments(user(EDAMErrorCode.INTERNAL_ERROR, null), Kind.TRANSIENT, Kind.TRANSIENT),
                arguments(user(EDAMErrorCode.SHARD_UNAVAILABLE, null), Kind.TRANSIENT, Kind.TRANSIENT),
                arguments(user(EDAMErrorCode.UNKNOWN, null), Kind.TRANSIENT, Kind.TRANSIENT),
                arguments(user(EDAMErrorCode.DATA_REQUIRED, "Note.title"), Kind.PERMANENT, Kind.PERMANENT),
                arguments(new EDAMUserException(), Kind.TRANSIENT, Kind.TRANSIENT), // errorCode()==null: unknown
                arguments(system(EDAMErrorCode.RATE_LIMIT_REACHED), Kind.RATE_LIMITED, Kind.RATE_LIMITED),
                arguments(system(EDAMErrorCode.INTERNAL_ERROR), Kind.TRANSIENT, Kind.TRANSIENT),
                arguments(system(EDAMErrorCode.SHARD_UNAVAILABLE), Kind.TRANSIENT, Kind.TRANSIENT),
                arguments(new EDAMSystemException(), Kind.TRANSIENT, Kind.TRANSIENT),
                arguments(new EDAMNotFoundException(), Kind.TRANSIENT, Kind.TRANSIENT),
                arguments(new TTransportException("HTTP Response code: 500"), Kind.TRANSIENT, Kind.TRANSIENT),
                arguments(new TTransportException("HTTP Response code: 503"), Kind.TRANSIENT, Kind.TRANSIENT),
                arguments(new TTransportException("HTTP Response code: 504"), Kind.TRANSIENT, Kind.AMBIGUOUS),
                arguments(new TTransportException("HTTP Response code: 429"), Kind.TRANSIENT, Kind.TRANSIENT),
                arguments(new TTransportException("HTTP Response code: 404"), Kind.TRANSIENT, Kind.TRANSIENT),
                arguments(new TTransportException("the reply is not Thrift (status 200, Content-Type text/html)"),
                        Kind.TRANSIENT, Kind.AMBIGUOUS),
                arguments(io(new ConnectException("Connection refused")), Kind.TRANSIENT, Kind.TRANSIENT),
                arguments(io(new UnknownHostException("www.evernote.com")), Kind.TRANSIENT, Kind.TRANSIENT),
                arguments(io(new SocketTimeoutException("Connect timed out")), Kind.TRANSIENT, Kind.TRANSIENT),
                arguments(io(new SocketTimeoutException("Read timed out")), Kind.TRANSIENT, Kind.AMBIGUOUS),
                arguments(io(new SocketException("Unexpected end of file from server")), Kind.TRANSIENT, Kind.AMBIGUOUS),
                arguments(io(new EOFException()), Kind.TRANSIENT, Kind.AMBIGUOUS),
                arguments(new TTransportException(TTransportException.END_OF_FILE, "Cannot read."), Kind.TRANSIENT,
                        Kind.AMBIGUOUS),
                arguments(new TProtocolException("Required field 'errorCode' is unset!"), Kind.TRANSIENT, Kind.AMBIGUOUS),
                arguments(new TApplicationException(TApplicationException.INTERNAL_ERROR, "x"), Kind.TRANSIENT,
                        Kind.AMBIGUOUS));
    }

    @ParameterizedTest(name = "{0} -> {1} / {2}")
    @MethodSource("table")
    void classifies(Exception e, Kind forRead, Kind forCreateNote) {
        assertThat(EvernoteErrors.classify(e, Call.REPEATABLE).kind()).isEqualTo(forRead);
        assertThat(EvernoteErrors.classify(e, Call.CREATE_NOTE).kind()).isEqualTo(forCreateNote);
    }

    @Test
    void rate_limit_duration_is_kept_only_when_set() {
        EDAMSystemException withDuration = system(EDAMErrorCode.RATE_LIMIT_REACHED);
        withDuration.setRateLimitDuration(839);

        assertThat(EvernoteErrors.classify(withDuration, Call.CREATE_NOTE).rateLimitSeconds()).hasValue(839);
        assertThat(EvernoteErrors.classify(system(EDAMErrorCode.RATE_LIMIT_REACHED), Call.CREATE_NOTE)
                .rateLimitSeconds()).isEmpty();
    }

    @Test
    void enml_detail_is_the_validator_message() {
        EvernoteFailure failure = EvernoteErrors.classify(
                user(EDAMErrorCode.ENML_VALIDATION, "Element type \"figure\" must be declared."), Call.CREATE_NOTE);

        assertThat(failure.detail()).isEqualTo("Element type \"figure\" must be declared.");
        assertThat(failure).hasMessage("ENML_INVALID: Element type \"figure\" must be declared.");
    }

    @Test
    void a_token_echoed_by_the_service_is_redacted_and_the_cause_dropped() {
        String token = "S=s1:U=1:E=2:C=3:P=4:A=k:V=2:H=deadbeefdeadbeef";
        EDAMUserException echoed = user(EDAMErrorCode.BAD_DATA_FORMAT, "bad token " + token);

        EvernoteFailure failure = EvernoteErrors.classify(echoed, Call.REPEATABLE, token);

        assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(failure.getMessage()).doesNotContain(token).contains("[token]");
        assertThat(failure.getCause()).isNull();
    }

    @Test
    void failures_without_the_token_keep_their_cause() {
        EDAMUserException plain = user(EDAMErrorCode.BAD_DATA_FORMAT, "Note.title");

        assertThat(EvernoteErrors.classify(plain, Call.REPEATABLE, "S=s1:secret").getCause()).isSameAs(plain);
    }
}

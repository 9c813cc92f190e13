package org.triggerhappy.camel.evernote;

import com.evernote.edam.error.EDAMErrorCode;
import com.evernote.edam.error.EDAMUserException;
import com.evernote.edam.notestore.NoteStore;
import com.evernote.edam.userstore.UserStore;
import com.evernote.thrift.TServiceClient;
import org.triggerhappy.camel.evernote.EvernoteErrors.Call;
import org.triggerhappy.camel.evernote.EvernoteFailure.Kind;

import java.util.Optional;

/**
 * Runs one SDK call on a fresh client (they are not thread-safe), releases it, and turns whatever the SDK throws
 * into an {@link EvernoteFailure}.
 */
final class EvernoteCalls {

    /** One SDK call; may throw the EDAM exceptions or TException. */
    @FunctionalInterface
    interface StoreCall<C, T> {
        T apply(C store) throws Exception;
    }

    /** A create whose DATA_CONFLICT means "exists already". */
    @FunctionalInterface
    interface Create<T> {
        T create() throws Exception;
    }

    private final EvernoteClients clients;

    EvernoteCalls(EvernoteClients clients) {
        this.clients = clients;
    }

    <T> T onNoteStore(String token, String noteStoreUrl, Call kind, StoreCall<NoteStore.Client, T> call)
            throws EvernoteFailure {
        NoteStore.Client store;
        try {
            store = clients.noteStore(noteStoreUrl);
        } catch (IllegalArgumentException e) {
            throw new EvernoteFailure(Kind.PERMANENT, "unusable NoteStore URL from the service: " + e.getMessage(), e);
        }
        return run(store, token, kind, call);
    }

    <T> T onUserStore(String token, StoreCall<UserStore.Client, T> call) throws EvernoteFailure {
        return run(clients.userStore(), token, Call.REPEATABLE, call);
    }

    private static <C extends TServiceClient, T> T run(C store, String token, Call kind, StoreCall<C, T> call)
            throws EvernoteFailure {
        try {
            return call.apply(store);
        } catch (EvernoteFailure | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw EvernoteErrors.classify(e, kind, token);
        } finally {
            EvernoteClients.close(store);
        }
    }

    /** The created object, or empty when the name exists already (DATA_CONFLICT). */
    static <T> Optional<T> unlessConflict(Create<T> create) throws Exception {
        try {
            return Optional.of(create.create());
        } catch (EDAMUserException e) {
            if (e.getErrorCode() == EDAMErrorCode.DATA_CONFLICT) {
                return Optional.empty();
            }
            throw e;
        }
    }
}

package org.triggerhappy.camel.evernote;

import com.evernote.edam.notestore.NoteStore;
import com.evernote.edam.userstore.UserStore;
import org.triggerhappy.camel.evernote.EvernoteCalls.StoreCall;
import org.triggerhappy.camel.evernote.EvernoteErrors.Call;
import org.triggerhappy.camel.evernote.EvernoteFailure.Kind;
import org.triggerhappy.camel.evernote.TokenAccounts.Account;

/**
 * SDK calls on behalf of one token's account: its NoteStore URL is asked once and kept, and a token the service
 * rejects takes its cached account with it.
 */
final class AccountCalls {

    /** A series of calls for one token. */
    @FunctionalInterface
    interface Action<T> {
        T run() throws EvernoteFailure;
    }

    private final EvernoteCalls calls;
    private final TokenAccounts accounts = new TokenAccounts();

    AccountCalls(EvernoteCalls calls) {
        this.calls = calls;
    }

    Account account(String token) {
        return accounts.of(token);
    }

    <T> T onNoteStore(String token, Account account, Call kind, StoreCall<NoteStore.Client, T> call)
            throws EvernoteFailure {
        String url = account.noteStoreUrl;
        if (url == null) {
            url = calls.onUserStore(token, store -> store.getNoteStoreUrl(token));
            account.noteStoreUrl = url;
        }
        return calls.onNoteStore(token, url, kind, call);
    }

    <T> T onUserStore(String token, StoreCall<UserStore.Client, T> call) throws EvernoteFailure {
        return calls.onUserStore(token, call);
    }

    <T> T forgettingOnAuthFailure(String token, Action<T> action) throws EvernoteFailure {
        try {
            return action.run();
        } catch (EvernoteFailure e) {
            if (e.kind() == Kind.AUTH_EXPIRED || e.kind() == Kind.INVALID_AUTH) {
                accounts.forget(token);
            }
            throw e;
        }
    }
}

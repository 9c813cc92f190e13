package org.triggerhappy.camel.evernote;

import com.evernote.edam.error.EDAMNotFoundException;
import com.evernote.edam.limits.Constants;
import com.evernote.edam.type.Accounting;
import com.evernote.edam.type.LazyMap;
import com.evernote.edam.type.Note;
import com.evernote.edam.type.NoteAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.triggerhappy.camel.evernote.EvernoteErrors.Call;
import org.triggerhappy.camel.evernote.EvernoteFailure.Kind;
import org.triggerhappy.camel.evernote.TokenAccounts.Account;
import org.triggerhappy.camel.notes.NoteDraft;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static com.evernote.edam.userstore.Constants.EDAM_VERSION_MAJOR;
import static com.evernote.edam.userstore.Constants.EDAM_VERSION_MINOR;

/**
 * Writes notes to Evernote with the official SDK. One instance serves all threads and accounts: per token it caches
 * the NoteStore URL, the notebooks and the tags, so a warm account costs one call per note (the delivery adds one
 * getSyncState per turn of a user's deliveries, for reconciling).
 * Every failure is an {@link EvernoteFailure}; a token the service rejects takes its cache with it.
 */
public final class EvernoteGateway {

    private static final Logger LOG = LoggerFactory.getLogger(EvernoteGateway.class);
    /**
     * The key of the marker every note carries in {@code NoteAttributes.applicationData}: its value names the outbox
     * item the note was written for, so the note of an ambiguous createNote is recognised exactly.
     */
    public static final String MARKER_KEY = "triggerhappy-camel";
    /** For {@code startByNanos}: no limit. */
    public static final long ANY_TIME = Long.MAX_VALUE;

    private final AccountCalls calls;
    private final NotebooksAndTags containers;
    private final NoteLookup lookup;
    private final Duration callDeadline;

    public EvernoteGateway(EvernoteClients clients) {
        this.calls = new AccountCalls(new EvernoteCalls(Objects.requireNonNull(clients, "clients")));
        this.containers = new NotebooksAndTags(calls);
        this.lookup = new NoteLookup(calls);
        this.callDeadline = clients.callDeadline();
    }

    /** The longest one call may take (request, processing, reply). */
    public Duration callDeadline() {
        return callDeadline;
    }

    /** Creates the note without a marker, at any time; see {@link #createNote(String, NoteDraft, String, long)}. */
    public String createNote(String token, NoteDraft draft) throws EvernoteFailure {
        return createNote(token, draft, null, ANY_TIME);
    }

    /**
     * Creates the note (its notebook and tags on demand) and returns the note's guid.
     *
     * @param marker       written as the note's {@link #MARKER_KEY} application data (null: none)
     * @param startByNanos the latest {@link System#nanoTime()} at which the createNote call may start (the caller's
     *                     lease must outlast the call's deadline; {@link #ANY_TIME}: no limit); later, it fails
     *                     TRANSIENT without being sent
     */
    public String createNote(String token, NoteDraft draft, String marker, long startByNanos) throws EvernoteFailure {
        Objects.requireNonNull(draft, "draft");
        Account account = calls.account(token);
        return calls.forgettingOnAuthFailure(token, () -> create(token, account, draft, marker, startByNanos, true));
    }

    /** The account's updateCount: every later change (a note created) gets a higher update sequence number. */
    public int updateCount(String token) throws EvernoteFailure {
        Account account = calls.account(token);
        return calls.forgettingOnAuthFailure(token, () -> calls.onNoteStore(token, account, Call.REPEATABLE,
                store -> store.getSyncState(token)).getUpdateCount());
    }

    /**
     * For reconciling an AMBIGUOUS createNote exactly: the guid of the note carrying {@code marker}, among the notes
     * changed after {@code afterUsn} (getFilteredSyncChunk, attributes without content). The sync API is consistent
     * at once, unlike the search index. PERMISSION_DENIED when the account refuses it.
     */
    public Optional<String> findByMarker(String token, String marker, int afterUsn) throws EvernoteFailure {
        Objects.requireNonNull(marker, "marker");
        Account account = calls.account(token);
        return calls.forgettingOnAuthFailure(token, () -> lookup.byMarker(token, account, marker, afterUsn));
    }

    /**
     * For reconciling an AMBIGUOUS createNote: the guid of a note in the draft's notebook whose sourceURL equals the
     * draft's exactly, if any. Needs an API key that may search notes (else PERMISSION_DENIED).
     */
    public Optional<String> findBySourceUrl(String token, NoteDraft draft) throws EvernoteFailure {
        String url = Objects.requireNonNull(draft, "draft").sourceUrl();
        if (url == null) {
            throw new IllegalArgumentException("a draft without sourceUrl cannot be looked up");
        }
        // Evernote search grammar: label:"quoted value"; quotes and backslashes inside are escaped
        String words = "sourceURL:\"" + url.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        if (words.length() > Constants.EDAM_SEARCH_QUERY_LEN_MAX) {
            throw new EvernoteFailure(Kind.PERMANENT, "sourceURL too long to search for (" + url.length() + " chars)", null);
        }
        Account account = calls.account(token);
        return calls.forgettingOnAuthFailure(token, () -> {
            Optional<String> notebookGuid = draft.notebook() == null
                    ? Optional.of(containers.defaultNotebookGuid(token, account))
                    : containers.existingNotebookGuid(token, account, draft.notebook());
            return notebookGuid.isEmpty() ? Optional.empty()
                    : lookup.bySourceUrl(token, account, words, notebookGuid.get(), url);
        });
    }

    /** The account's username, after checking that the service still accepts this SDK's protocol version. */
    public String checkUser(String token) throws EvernoteFailure {
        return calls.forgettingOnAuthFailure(token, () -> calls.onUserStore(token, store -> {
            if (!store.checkVersion(EvernoteClients.USER_AGENT, EDAM_VERSION_MAJOR, EDAM_VERSION_MINOR)) {
                throw new EvernoteFailure(Kind.PERMANENT,
                        "the service no longer accepts EDAM protocol " + EDAM_VERSION_MAJOR + "." + EDAM_VERSION_MINOR, null);
            }
            return store.getUser(token).getUsername();
        }));
    }

    /**
     * The account's upload allowance: two calls (NoteStore.getSyncState, UserStore.getUser). A limit the service does
     * not report is {@code Long.MAX_VALUE}.
     */
    public UploadAllowance uploadAllowance(String token) throws EvernoteFailure {
        Account account = calls.account(token);
        return calls.forgettingOnAuthFailure(token, () -> {
            long uploaded = calls.onNoteStore(token, account, Call.REPEATABLE, store -> store.getSyncState(token))
                    .getUploaded();
            Accounting accounting = calls.onUserStore(token, store -> store.getUser(token)).getAccounting();
            if (accounting == null || !accounting.isSetUploadLimit()) {
                return new UploadAllowance(uploaded, Long.MAX_VALUE, null); // not reported: no known limit
            }
            Instant end = accounting.isSetUploadLimitEnd() ? Instant.ofEpochMilli(accounting.getUploadLimitEnd()) : null;
            return new UploadAllowance(uploaded, accounting.getUploadLimit(), end);
        });
    }

    private String create(String token, Account account, NoteDraft draft, String marker, long startByNanos,
                          boolean firstTry) throws EvernoteFailure {
        Note note = toNote(draft, containers.notebookGuid(token, account, draft.notebook()),
                containers.tagGuids(token, account, draft.tags()), marker);
        if (startByNanos != ANY_TIME && System.nanoTime() - startByNanos > 0) {
            throw new EvernoteFailure(Kind.TRANSIENT, "no time left under the delivery's lease for createNote", null);
        }
        Optional<Note> created = calls.onNoteStore(token, account, Call.CREATE_NOTE, store -> {
            try {
                return Optional.of(store.createNote(token, note));
            } catch (EDAMNotFoundException e) {
                if (firstTry) {
                    return Optional.empty(); // a cached notebook or tag was deleted meanwhile
                }
                throw e;
            }
        });
        if (created.isEmpty()) {
            LOG.debug("evernote.cache_stale account={}", account.id);
            containers.forget(account);
            return create(token, account, draft, marker, startByNanos, false);
        }
        LOG.debug("evernote.note_created account={} note_guid={}", account.id, created.get().getGuid());
        return created.get().getGuid();
    }

    private static Note toNote(NoteDraft draft, String notebookGuid, List<String> tagGuids, String marker) {
        Note note = new Note();
        note.setTitle(draft.title());
        note.setContent(draft.enml());
        if (notebookGuid != null) {
            note.setNotebookGuid(notebookGuid);
        }
        if (!tagGuids.isEmpty()) {
            note.setTagGuids(tagGuids);
        }
        NoteAttributes attributes = new NoteAttributes();
        if (draft.sourceUrl() != null) {
            attributes.setSourceURL(draft.sourceUrl());
        }
        if (marker != null) {
            LazyMap data = new LazyMap();
            data.putToFullMap(MARKER_KEY, marker);
            attributes.setApplicationData(data);
        }
        if (draft.sourceUrl() != null || marker != null) {
            note.setAttributes(attributes);
        }
        if (draft.created() != null) {
            note.setCreated(draft.created().toEpochMilli());
        }
        if (!draft.resources().isEmpty()) {
            note.setResources(EvernoteResources.of(draft.resources()));
        }
        return note;
    }
}

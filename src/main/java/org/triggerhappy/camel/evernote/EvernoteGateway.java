package org.triggerhappy.camel.evernote;

import com.evernote.edam.error.EDAMErrorCode;
import com.evernote.edam.error.EDAMNotFoundException;
import com.evernote.edam.error.EDAMUserException;
import com.evernote.edam.limits.Constants;
import com.evernote.edam.notestore.NoteFilter;
import com.evernote.edam.notestore.NoteMetadata;
import com.evernote.edam.notestore.NoteStore;
import com.evernote.edam.notestore.NotesMetadataList;
import com.evernote.edam.notestore.NotesMetadataResultSpec;
import com.evernote.edam.type.Note;
import com.evernote.edam.type.NoteAttributes;
import com.evernote.edam.type.Notebook;
import com.evernote.edam.type.Tag;
import com.evernote.edam.userstore.UserStore;
import org.triggerhappy.camel.evernote.EvernoteErrors.Call;
import org.triggerhappy.camel.evernote.EvernoteFailure.Kind;
import org.triggerhappy.camel.notes.NoteDraft;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Writes notes to Evernote with the official SDK. One instance serves all threads and accounts: per token it caches
 * the NoteStore URL, the notebooks and the tags (keyed by a SHA-256 of the token, so a renewed token starts fresh),
 * which keeps the call count per note at one once warm. Every failure is an {@link EvernoteFailure}.
 */
public final class EvernoteGateway {

    private static final Logger LOG = LoggerFactory.getLogger(EvernoteGateway.class);
    private static final int SEARCH_PAGE = 50;
    private static final int SEARCH_MAX_SCANNED = 250;

    private final EvernoteClients clients;
    private final ConcurrentMap<String, Account> accounts = new ConcurrentHashMap<>();

    public EvernoteGateway(EvernoteClients clients) {
        this.clients = Objects.requireNonNull(clients, "clients");
    }

    /** Creates the note (notebook and tags created on demand) and returns its guid. */
    public String createNote(String token, NoteDraft draft) throws EvernoteFailure {
        Objects.requireNonNull(draft, "draft");
        Account account = account(token);
        return forgettingOnAuthFailure(token, () -> create(token, account, draft, true));
    }

    /**
     * After an AMBIGUOUS createNote: the guid of a note in the draft's notebook whose sourceURL equals the draft's,
     * if there is one. Needs an API key that may search notes (else PERMISSION_DENIED).
     */
    public Optional<String> findBySourceUrl(String token, NoteDraft draft) throws EvernoteFailure {
        String url = Objects.requireNonNull(draft, "draft").sourceUrl();
        if (url == null) {
            throw new IllegalArgumentException("a draft without sourceUrl cannot be looked up");
        }
        String words = "sourceURL:\"" + url.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        if (words.length() > Constants.EDAM_SEARCH_QUERY_LEN_MAX) {
            throw new EvernoteFailure(Kind.PERMANENT, "sourceURL too long to search for (" + url.length() + " chars)", null);
        }
        Account account = account(token);
        return forgettingOnAuthFailure(token, () -> {
            Optional<String> notebookGuid = draft.notebook() == null
                    ? Optional.of(defaultNotebookGuid(token, account))
                    : account.notebooks.lookup(draft.notebook(), () -> listNotebooks(token, account));
            return notebookGuid.isEmpty() ? Optional.empty() : search(token, account, words, notebookGuid.get(), url);
        });
    }

    /** The account's username, after checking that the service still speaks this SDK's protocol version. */
    public String checkUser(String token) throws EvernoteFailure {
        return forgettingOnAuthFailure(token, () -> onUserStore(token, store -> {
            if (!store.checkVersion(EvernoteClients.USER_AGENT, com.evernote.edam.userstore.Constants.EDAM_VERSION_MAJOR,
                    com.evernote.edam.userstore.Constants.EDAM_VERSION_MINOR)) {
                throw new EvernoteFailure(Kind.PERMANENT, "the service no longer accepts EDAM protocol "
                        + com.evernote.edam.userstore.Constants.EDAM_VERSION_MAJOR + "."
                        + com.evernote.edam.userstore.Constants.EDAM_VERSION_MINOR, null);
            }
            return store.getUser(token).getUsername();
        }));
    }

    private String create(String token, Account account, NoteDraft draft, boolean firstTry) throws EvernoteFailure {
        Note note = toNote(draft, notebookGuid(token, account, draft.notebook()), tagGuids(token, account, draft.tags()));
        Optional<Note> created = onNoteStore(token, account, Call.CREATE_NOTE, store -> {
            try {
                return Optional.of(store.createNote(token, note));
            } catch (EDAMNotFoundException e) {
                if (firstTry) {
                    return Optional.empty(); // a cached notebook/tag was deleted in the meantime
                }
                throw e;
            }
        });
        if (created.isEmpty()) {
            LOG.debug("evernote.cache_stale account={}", account.id);
            account.notebooks.forget();
            account.tags.forget();
            return create(token, account, draft, false);
        }
        LOG.debug("evernote.note_created account={} note_guid={}", account.id, created.get().getGuid());
        return created.get().getGuid();
    }

    private static Note toNote(NoteDraft draft, String notebookGuid, List<String> tagGuids) {
        Note note = new Note();
        note.setTitle(draft.title());
        note.setContent(draft.enml());
        if (notebookGuid != null) {
            note.setNotebookGuid(notebookGuid);
        }
        if (!tagGuids.isEmpty()) {
            note.setTagGuids(tagGuids);
        }
        if (draft.sourceUrl() != null) {
            NoteAttributes attributes = new NoteAttributes();
            attributes.setSourceURL(draft.sourceUrl());
            note.setAttributes(attributes);
        }
        if (draft.created() != null) {
            note.setCreated(draft.created().toEpochMilli());
        }
        return note;
    }

    /** Null means the account's default notebook (createNote without notebookGuid). */
    private String notebookGuid(String token, Account account, String name) throws EvernoteFailure {
        if (name == null) {
            return null;
        }
        return account.notebooks.resolve(name, () -> listNotebooks(token, account), missing -> {
            Notebook notebook = new Notebook();
            notebook.setName(missing);
            Optional<Notebook> created = onNoteStore(token, account, Call.REPEATABLE,
                    store -> unlessConflict(() -> store.createNotebook(token, notebook)));
            created.ifPresent(n -> LOG.debug("evernote.notebook_created account={} notebook_guid={}", account.id, n.getGuid()));
            return created.map(Notebook::getGuid);
        });
    }

    private List<String> tagGuids(String token, Account account, List<String> names) throws EvernoteFailure {
        List<String> guids = new ArrayList<>();
        for (String name : names) {
            String guid = account.tags.resolve(name, () -> listTags(token, account), missing -> {
                Tag tag = new Tag();
                tag.setName(missing);
                Optional<Tag> created = onNoteStore(token, account, Call.REPEATABLE,
                        store -> unlessConflict(() -> store.createTag(token, tag)));
                created.ifPresent(t -> LOG.debug("evernote.tag_created account={} tag_guid={}", account.id, t.getGuid()));
                return created.map(Tag::getGuid);
            });
            if (!guids.contains(guid)) {
                guids.add(guid);
            }
        }
        return guids;
    }

    private Map<String, String> listNotebooks(String token, Account account) throws EvernoteFailure {
        Map<String, String> byName = new LinkedHashMap<>();
        onNoteStore(token, account, Call.REPEATABLE, store -> store.listNotebooks(token))
                .forEach(n -> byName.put(n.getName(), n.getGuid()));
        return byName;
    }

    private Map<String, String> listTags(String token, Account account) throws EvernoteFailure {
        Map<String, String> byName = new LinkedHashMap<>();
        onNoteStore(token, account, Call.REPEATABLE, store -> store.listTags(token))
                .forEach(t -> byName.put(t.getName(), t.getGuid()));
        return byName;
    }

    private String defaultNotebookGuid(String token, Account account) throws EvernoteFailure {
        String guid = account.defaultNotebookGuid;
        if (guid == null) {
            guid = onNoteStore(token, account, Call.REPEATABLE, store -> store.getDefaultNotebook(token)).getGuid();
            account.defaultNotebookGuid = guid;
        }
        return guid;
    }

    private Optional<String> search(String token, Account account, String words, String notebookGuid, String url)
            throws EvernoteFailure {
        NoteFilter filter = new NoteFilter();
        filter.setWords(words);
        filter.setNotebookGuid(notebookGuid);
        NotesMetadataResultSpec spec = new NotesMetadataResultSpec();
        spec.setIncludeAttributes(true);
        int offset = 0;
        while (offset < SEARCH_MAX_SCANNED) {
            int from = offset;
            NotesMetadataList page = onNoteStore(token, account, Call.REPEATABLE,
                    store -> store.findNotesMetadata(token, filter, from, SEARCH_PAGE, spec));
            List<NoteMetadata> notes = page.getNotes() == null ? List.of() : page.getNotes();
            for (NoteMetadata note : notes) {
                // the search is fuzzy; only an exact sourceURL counts
                if (note.isSetAttributes() && url.equals(note.getAttributes().getSourceURL())) {
                    return Optional.of(note.getGuid());
                }
            }
            offset += notes.size();
            if (notes.isEmpty() || offset >= page.getTotalNotes()) {
                break;
            }
        }
        return Optional.empty();
    }

    private String noteStoreUrl(String token, Account account) throws EvernoteFailure {
        String url = account.noteStoreUrl;
        if (url == null) {
            url = onUserStore(token, store -> store.getNoteStoreUrl(token));
            account.noteStoreUrl = url;
        }
        return url;
    }

    private <T> T onNoteStore(String token, Account account, Call kind, StoreCall<NoteStore.Client, T> call)
            throws EvernoteFailure {
        String url = noteStoreUrl(token, account);
        NoteStore.Client store;
        try {
            store = clients.noteStore(url);
        } catch (IllegalArgumentException e) {
            throw new EvernoteFailure(Kind.PERMANENT, "unusable NoteStore URL from the service: " + e.getMessage(), e);
        }
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

    private <T> T onUserStore(String token, StoreCall<UserStore.Client, T> call) throws EvernoteFailure {
        UserStore.Client store = clients.userStore();
        try {
            return call.apply(store);
        } catch (EvernoteFailure | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw EvernoteErrors.classify(e, Call.REPEATABLE, token);
        } finally {
            EvernoteClients.close(store);
        }
    }

    /** The created object, or empty when the name exists already (DATA_CONFLICT). */
    private static <T> Optional<T> unlessConflict(SdkCall<T> create) throws Exception {
        try {
            return Optional.of(create.call());
        } catch (EDAMUserException e) {
            if (e.getErrorCode() == EDAMErrorCode.DATA_CONFLICT) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** A token the service no longer accepts takes its cached state with it. */
    private <T> T forgettingOnAuthFailure(String token, Action<T> action) throws EvernoteFailure {
        try {
            return action.run();
        } catch (EvernoteFailure e) {
            if (e.kind() == Kind.AUTH_EXPIRED || e.kind() == Kind.INVALID_AUTH) {
                accounts.remove(keyOf(token));
            }
            throw e;
        }
    }

    private Account account(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("an Evernote token is required");
        }
        return accounts.computeIfAbsent(keyOf(token), Account::new);
    }

    /** Cache key: the token itself must never sit where it could be logged or dumped. */
    private static String keyOf(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** What the gateway remembers about one token. */
    private static final class Account {
        final String id; // short hash prefix for logs
        final NameDirectory notebooks = new NameDirectory("Notebook");
        final NameDirectory tags = new NameDirectory("Tag");
        volatile String noteStoreUrl;
        volatile String defaultNotebookGuid;

        Account(String key) {
            this.id = key.substring(0, 12);
        }
    }

    @FunctionalInterface
    private interface StoreCall<C, T> {
        T apply(C store) throws Exception;
    }

    @FunctionalInterface
    private interface SdkCall<T> {
        T call() throws Exception;
    }

    @FunctionalInterface
    private interface Action<T> {
        T run() throws EvernoteFailure;
    }
}

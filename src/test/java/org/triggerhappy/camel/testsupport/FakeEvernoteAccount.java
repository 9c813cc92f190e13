package org.triggerhappy.camel.testsupport;

import com.evernote.edam.error.EDAMErrorCode;
import com.evernote.edam.error.EDAMNotFoundException;
import com.evernote.edam.error.EDAMUserException;
import com.evernote.edam.limits.Constants;
import com.evernote.edam.notestore.NoteFilter;
import com.evernote.edam.notestore.NoteMetadata;
import com.evernote.edam.notestore.NotesMetadataList;
import com.evernote.edam.notestore.NotesMetadataResultSpec;
import com.evernote.edam.notestore.SyncChunk;
import com.evernote.edam.notestore.SyncChunkFilter;
import com.evernote.edam.notestore.SyncState;
import com.evernote.edam.type.Accounting;
import com.evernote.edam.type.LazyMap;
import com.evernote.edam.type.Note;
import com.evernote.edam.type.Notebook;
import com.evernote.edam.type.Resource;
import com.evernote.edam.type.Tag;
import com.evernote.edam.type.User;
import org.triggerhappy.camel.testsupport.FakeEvernote.StoredNote;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One account of {@link FakeEvernote} with the service's rules for notebooks, tags and notes. All methods are
 * synchronized: the HTTP server answers on several threads.
 */
final class FakeEvernoteAccount {

    private static final Pattern TITLE = Pattern.compile(Constants.EDAM_NOTE_TITLE_REGEX);
    private static final Pattern NOTEBOOK_NAME = Pattern.compile(Constants.EDAM_NOTEBOOK_NAME_REGEX);
    private static final Pattern TAG_NAME = Pattern.compile(Constants.EDAM_TAG_NAME_REGEX);
    /** {@code sourceURL:"…"} with backslash escapes, the one search form the fake understands. */
    private static final Pattern SOURCE_URL_QUERY =
            Pattern.compile("(?i)^\\s*sourceURL:\"((?:[^\"\\\\]|\\\\.)*)\"\\s*$");

    private final int userId;
    private final String username;
    private final FakeEvernoteEnml enml;
    private final Map<String, Notebook> notebooks = new LinkedHashMap<>();
    private final Map<String, Tag> tags = new LinkedHashMap<>();
    private final Map<String, Note> notes = new LinkedHashMap<>();
    /** When each note becomes visible to findNotesMetadata (the search index lags; the sync API does not). */
    private final Map<String, Long> searchableAt = new HashMap<>();
    private final LongSupplier searchLagMillis;
    private boolean searchDenied;
    private boolean syncDenied;
    private int updateCount;
    private long uploaded;
    private long uploadLimit = Constants.EDAM_USER_UPLOAD_LIMIT_FREE;
    private long uploadLimitEnd = startOfNextMonth(Instant.now());

    FakeEvernoteAccount(int userId, String username, FakeEvernoteEnml enml, LongSupplier searchLagMillis) {
        this.searchLagMillis = searchLagMillis;
        this.userId = userId;
        this.username = username;
        this.enml = enml;
        Notebook first = newNotebook(username + "'s notebook");
        first.setDefaultNotebook(true);
    }

    int userId() {
        return userId;
    }

    String username() {
        return username;
    }

    synchronized void denySearch() {
        searchDenied = true;
    }

    synchronized void denySync() {
        syncDenied = true;
    }

    synchronized User user() {
        rollUploadPeriod();
        User user = new User();
        user.setId(userId);
        user.setUsername(username);
        user.setActive(true);
        Accounting accounting = new Accounting();
        accounting.setUploadLimit(uploadLimit);
        accounting.setUploadLimitEnd(uploadLimitEnd);
        accounting.setUploadLimitNextMonth(uploadLimit);
        user.setAccounting(accounting);
        return user;
    }

    synchronized SyncState syncState() {
        rollUploadPeriod();
        SyncState state = new SyncState(System.currentTimeMillis(), 0, updateCount);
        state.setUploaded(uploaded);
        return state;
    }

    /** Test setup: the account's monthly upload allowance and when the current period ends. */
    synchronized void uploadLimit(long limit, Instant periodEnd) {
        uploadLimit = limit;
        uploadLimitEnd = periodEnd.toEpochMilli();
    }

    /** Test setup: bytes already uploaded in this period. */
    synchronized void uploaded(long bytes) {
        uploaded = bytes;
    }

    synchronized long uploaded() {
        rollUploadPeriod();
        return uploaded;
    }

    /** A new period starts when the last one ended: nothing uploaded yet, the end a month later. */
    private void rollUploadPeriod() {
        long now = System.currentTimeMillis();
        if (now >= uploadLimitEnd) {
            uploaded = 0;
            while (uploadLimitEnd <= now) {
                uploadLimitEnd = startOfNextMonth(Instant.ofEpochMilli(uploadLimitEnd));
            }
        }
    }

    private static long startOfNextMonth(Instant after) {
        return after.atZone(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1).plusMonths(1)
                .atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    synchronized List<Notebook> listNotebooks() {
        return notebooks.values().stream().map(Notebook::deepCopy).toList();
    }

    synchronized Notebook defaultNotebook() {
        return notebooks.values().stream().filter(Notebook::isDefaultNotebook).findFirst().orElseThrow().deepCopy();
    }

    synchronized Notebook createNotebook(Notebook requested) throws EDAMUserException {
        String name = requested == null ? null : requested.getName();
        requireName(name, NOTEBOOK_NAME, "Notebook.name");
        if (notebookNamed(name).isPresent()) {
            throw userException(EDAMErrorCode.DATA_CONFLICT, "Notebook.name");
        }
        return newNotebook(name).deepCopy();
    }

    synchronized boolean deleteNotebook(String name) {
        Optional<Notebook> notebook = notebookNamed(name).filter(n -> !n.isDefaultNotebook());
        notebook.ifPresent(n -> {
            notebooks.remove(n.getGuid());
            notes.values().removeIf(note -> n.getGuid().equals(note.getNotebookGuid()));
        });
        return notebook.isPresent();
    }

    synchronized List<Tag> listTags() {
        return tags.values().stream().map(Tag::deepCopy).toList();
    }

    synchronized Tag createTag(Tag requested) throws EDAMUserException {
        String name = requested == null ? null : requested.getName();
        requireName(name, TAG_NAME, "Tag.name");
        if (tagNamed(name).isPresent()) {
            throw userException(EDAMErrorCode.DATA_CONFLICT, "Tag.name");
        }
        return newTag(name).deepCopy();
    }

    synchronized Note createNote(Note requested) throws EDAMUserException, EDAMNotFoundException {
        if (requested == null) {
            throw userException(EDAMErrorCode.DATA_REQUIRED, "Note");
        }
        if (requested.getTitle() == null || !TITLE.matcher(requested.getTitle()).matches()) {
            throw userException(EDAMErrorCode.BAD_DATA_FORMAT, "Note.title");
        }
        if (requested.getContent() == null) {
            throw userException(EDAMErrorCode.DATA_REQUIRED, "Note.content");
        }
        if (requested.getContent().length() > Constants.EDAM_NOTE_CONTENT_LEN_MAX) {
            throw userException(EDAMErrorCode.LIMIT_REACHED, "Note.size");
        }
        Optional<String> enmlProblem = enml.problem(requested.getContent());
        if (enmlProblem.isPresent()) {
            throw userException(EDAMErrorCode.ENML_VALIDATION, enmlProblem.get());
        }
        checkApplicationData(requested);
        long size = FakeEvernoteResources.check(requested);
        String notebookGuid = requested.isSetNotebookGuid() ? requested.getNotebookGuid() : defaultNotebook().getGuid();
        if (!notebooks.containsKey(notebookGuid)) {
            throw notFound("Note.notebookGuid", notebookGuid);
        }
        List<String> tagGuids = tagGuidsFor(requested);
        if (tagGuids.size() > Constants.EDAM_NOTE_TAGS_MAX) {
            throw userException(EDAMErrorCode.LIMIT_REACHED, "Note.tagGuids");
        }
        rollUploadPeriod();
        if (uploaded + size > uploadLimit) {
            throw userException(EDAMErrorCode.QUOTA_REACHED, "Accounting.uploadLimit");
        }
        uploaded += size;
        long now = System.currentTimeMillis();
        Note stored = requested.deepCopy();
        stored.setGuid(UUID.randomUUID().toString());
        stored.setNotebookGuid(notebookGuid);
        stored.setTagGuids(tagGuids);
        stored.unsetTagNames();
        stored.setCreated(requested.isSetCreated() ? requested.getCreated() : now);
        stored.setUpdated(now);
        stored.setContentLength(requested.getContent().length());
        stored.setActive(true);
        stored.setUpdateSequenceNum(++updateCount);
        notes.put(stored.getGuid(), stored);
        searchableAt.put(stored.getGuid(), now + searchLagMillis.getAsLong());
        Note reply = stored.deepCopy();
        reply.unsetContent(); // like the fake in evernote.md §4: callers must not depend on content being echoed
        return reply;
    }

    /** Checks tagGuids (must exist) and find-or-creates tagNames, as the service does. */
    private List<String> tagGuidsFor(Note requested) throws EDAMUserException, EDAMNotFoundException {
        List<String> guids = new ArrayList<>();
        if (requested.isSetTagGuids()) {
            for (String guid : requested.getTagGuids()) {
                if (!tags.containsKey(guid)) {
                    throw notFound("Tag.guid", guid);
                }
                addDistinct(guids, guid);
            }
        }
        if (requested.isSetTagNames()) {
            for (String name : requested.getTagNames()) {
                requireName(name, TAG_NAME, "Tag.name");
                Tag tag = tagNamed(name).orElseGet(() -> newTag(name));
                addDistinct(guids, tag.getGuid());
            }
        }
        return guids;
    }

    synchronized NotesMetadataList findNotesMetadata(NoteFilter filter, int offset, int maxNotes,
                                                     NotesMetadataResultSpec spec) throws EDAMUserException {
        if (searchDenied) {
            throw userException(EDAMErrorCode.PERMISSION_DENIED, "authenticationToken");
        }
        long now = System.currentTimeMillis();
        List<Note> matches = notes.values().stream()
                .filter(note -> searchableAt.getOrDefault(note.getGuid(), 0L) <= now)
                .filter(matcher(filter)).toList();
        List<NoteMetadata> page = matches.stream()
                .skip(Math.max(offset, 0))
                .limit(Math.max(maxNotes, 0))
                .map(note -> metadata(note, spec == null ? new NotesMetadataResultSpec() : spec))
                .toList();
        NotesMetadataList result = new NotesMetadataList();
        result.setStartIndex(Math.max(offset, 0));
        result.setTotalNotes(matches.size());
        result.setNotes(new ArrayList<>(page));
        return result;
    }

    private Predicate<Note> matcher(NoteFilter filter) throws EDAMUserException {
        Predicate<Note> match = note -> true;
        if (filter == null) {
            return match;
        }
        if (filter.isSetNotebookGuid()) {
            String notebookGuid = filter.getNotebookGuid();
            match = match.and(note -> notebookGuid.equals(note.getNotebookGuid()));
        }
        String words = filter.getWords();
        if (words != null && !words.isBlank()) {
            Matcher query = SOURCE_URL_QUERY.matcher(words);
            if (!query.matches()) {
                // The fake knows only this search form; failing loudly beats pretending to search.
                throw userException(EDAMErrorCode.BAD_DATA_FORMAT, "NoteFilter.words");
            }
            String url = query.group(1).replaceAll("\\\\(.)", "$1");
            match = match.and(note -> note.isSetAttributes() && url.equals(note.getAttributes().getSourceURL()));
        }
        return match;
    }

    private static NoteMetadata metadata(Note note, NotesMetadataResultSpec spec) {
        NoteMetadata metadata = new NoteMetadata(note.getGuid());
        if (spec.isIncludeTitle()) {
            metadata.setTitle(note.getTitle());
        }
        if (spec.isIncludeCreated()) {
            metadata.setCreated(note.getCreated());
        }
        if (spec.isIncludeNotebookGuid()) {
            metadata.setNotebookGuid(note.getNotebookGuid());
        }
        if (spec.isIncludeTagGuids()) {
            metadata.setTagGuids(new ArrayList<>(note.getTagGuids()));
        }
        if (spec.isIncludeAttributes() && note.isSetAttributes()) {
            metadata.setAttributes(note.getAttributes().deepCopy());
            keysOnly(metadata.getAttributes().getApplicationData());
        }
        return metadata;
    }

    /** Like the service: application data comes as keys only unless the full map is asked for. */
    private static void keysOnly(LazyMap data) {
        if (data != null && data.isSetFullMap()) {
            data.setKeysOnly(new HashSet<>(data.getFullMap().keySet()));
            data.unsetFullMap();
        }
    }

    /** The key and value rules of NoteAttributes.applicationData. */
    private static void checkApplicationData(Note requested) throws EDAMUserException {
        if (!requested.isSetAttributes() || !requested.getAttributes().isSetApplicationData()) {
            return;
        }
        LazyMap data = requested.getAttributes().getApplicationData();
        Map<String, String> entries = data.isSetFullMap() ? data.getFullMap() : Map.of();
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            if (!entry.getKey().matches(Constants.EDAM_APPLICATIONDATA_NAME_REGEX)
                    || entry.getValue() == null
                    || !entry.getValue().matches(Constants.EDAM_APPLICATIONDATA_VALUE_REGEX)
                    || entry.getKey().length() + entry.getValue().length() > Constants.EDAM_APPLICATIONDATA_ENTRY_LEN_MAX) {
                throw userException(EDAMErrorCode.BAD_DATA_FORMAT, "NoteAttributes.applicationData");
            }
        }
    }

    /**
     * Every object changed after {@code afterUsn}, in USN order, at most {@code maxEntries}; of these, what the filter
     * asks for (notes without content, resource bodies or, unless asked, attributes). Consistent at once.
     */
    synchronized SyncChunk filteredSyncChunk(int afterUsn, int maxEntries, SyncChunkFilter filter)
            throws EDAMUserException {
        if (syncDenied) {
            throw userException(EDAMErrorCode.PERMISSION_DENIED, "getFilteredSyncChunk");
        }
        SyncChunkFilter f = filter == null ? new SyncChunkFilter() : filter;
        record Changed(int usn, Object object) {
        }
        List<Changed> changed = new ArrayList<>();
        notes.values().forEach(n -> changed.add(new Changed(n.getUpdateSequenceNum(), n)));
        notebooks.values().forEach(n -> changed.add(new Changed(n.getUpdateSequenceNum(), n)));
        tags.values().forEach(t -> changed.add(new Changed(t.getUpdateSequenceNum(), t)));
        List<Changed> chunk = changed.stream().filter(c -> c.usn() > afterUsn)
                .sorted(Comparator.comparingInt(Changed::usn)).limit(Math.max(maxEntries, 1)).toList();
        SyncChunk result = new SyncChunk(System.currentTimeMillis(), updateCount);
        if (!chunk.isEmpty()) {
            result.setChunkHighUSN(chunk.get(chunk.size() - 1).usn());
        }
        for (Changed c : chunk) {
            if (c.object() instanceof Note note && f.isIncludeNotes()) {
                result.addToNotes(syncedNote(note, f));
            } else if (c.object() instanceof Notebook notebook && f.isIncludeNotebooks()) {
                result.addToNotebooks(notebook.deepCopy());
            } else if (c.object() instanceof Tag tag && f.isIncludeTags()) {
                result.addToTags(tag.deepCopy());
            }
        }
        return result;
    }

    private static Note syncedNote(Note note, SyncChunkFilter f) {
        Note copy = note.deepCopy();
        copy.unsetContent();
        if (!f.isIncludeNoteResources()) {
            copy.unsetResources();
        } else if (copy.isSetResources()) {
            copy.getResources().forEach(r -> r.getData().unsetBody());
        }
        if (!f.isIncludeNoteAttributes()) {
            copy.unsetAttributes();
        } else if (!f.isIncludeNoteApplicationDataFullMap() && copy.isSetAttributes()) {
            keysOnly(copy.getAttributes().getApplicationData());
        }
        return copy;
    }

    synchronized Note getNote(String guid, boolean withContent, boolean withResourcesData)
            throws EDAMUserException, EDAMNotFoundException {
        if (searchDenied) {
            throw userException(EDAMErrorCode.PERMISSION_DENIED, "authenticationToken");
        }
        Note note = notes.get(guid);
        if (note == null) {
            throw notFound("Note.guid", guid);
        }
        Note copy = note.deepCopy();
        if (!withContent) {
            copy.unsetContent();
        }
        if (!withResourcesData && copy.isSetResources()) {
            copy.getResources().forEach(r -> r.getData().unsetBody());
        }
        return copy;
    }

    synchronized List<StoredNote> storedNotes() {
        return notes.values().stream().map(this::toStored).toList();
    }

    private StoredNote toStored(Note note) {
        Notebook notebook = notebooks.get(note.getNotebookGuid());
        List<String> tagNames = note.getTagGuids().stream().map(guid -> tags.get(guid).getName()).toList();
        String sourceUrl = note.isSetAttributes() ? note.getAttributes().getSourceURL() : null;
        String marker = note.isSetAttributes() && note.getAttributes().isSetApplicationData()
                && note.getAttributes().getApplicationData().isSetFullMap()
                ? note.getAttributes().getApplicationData().getFullMap().get("triggerhappy-camel") : null;
        List<Resource> resources = note.isSetResources()
                ? note.getResources().stream().map(Resource::deepCopy).toList() : List.of();
        return new StoredNote(note.getGuid(), note.getTitle(), note.getContent(),
                notebook == null ? null : notebook.getName(), tagNames, sourceUrl,
                Instant.ofEpochMilli(note.getCreated()), resources, marker);
    }

    synchronized List<String> notebookNames() {
        return notebooks.values().stream().map(Notebook::getName).toList();
    }

    synchronized List<String> tagNames() {
        return tags.values().stream().map(Tag::getName).toList();
    }

    /** Test setup: a notebook created "by another client", bypassing faults and counters. */
    synchronized String addNotebook(String name) throws EDAMUserException {
        Notebook notebook = new Notebook();
        notebook.setName(name);
        return createNotebook(notebook).getGuid();
    }

    private Notebook newNotebook(String name) {
        Notebook notebook = new Notebook();
        notebook.setUpdateSequenceNum(++updateCount);
        notebook.setGuid(UUID.randomUUID().toString());
        notebook.setName(name);
        notebook.setDefaultNotebook(false);
        notebook.setServiceCreated(System.currentTimeMillis());
        notebooks.put(notebook.getGuid(), notebook);
        return notebook;
    }

    private Tag newTag(String name) {
        Tag tag = new Tag();
        tag.setUpdateSequenceNum(++updateCount);
        tag.setGuid(UUID.randomUUID().toString());
        tag.setName(name);
        tags.put(tag.getGuid(), tag);
        return tag;
    }

    private Optional<Notebook> notebookNamed(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        return notebooks.values().stream().filter(n -> n.getName().toLowerCase(Locale.ROOT).equals(key)).findFirst();
    }

    private Optional<Tag> tagNamed(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        return tags.values().stream().filter(t -> t.getName().toLowerCase(Locale.ROOT).equals(key)).findFirst();
    }

    private static void requireName(String name, Pattern rule, String parameter) throws EDAMUserException {
        if (name == null) {
            throw userException(EDAMErrorCode.DATA_REQUIRED, parameter);
        }
        if (!rule.matcher(name).matches()) {
            throw userException(EDAMErrorCode.BAD_DATA_FORMAT, parameter);
        }
    }

    private static void addDistinct(List<String> guids, String guid) {
        if (!guids.contains(guid)) {
            guids.add(guid);
        }
    }

    static EDAMUserException userException(EDAMErrorCode code, String parameter) {
        EDAMUserException e = new EDAMUserException(code);
        e.setParameter(parameter);
        return e;
    }

    private static EDAMNotFoundException notFound(String identifier, String key) {
        EDAMNotFoundException e = new EDAMNotFoundException();
        e.setIdentifier(identifier);
        e.setKey(key);
        return e;
    }
}

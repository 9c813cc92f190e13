package org.triggerhappy.camel.evernote;

import com.evernote.edam.notestore.NoteFilter;
import com.evernote.edam.notestore.NoteMetadata;
import com.evernote.edam.notestore.NotesMetadataList;
import com.evernote.edam.notestore.NotesMetadataResultSpec;
import com.evernote.edam.notestore.SyncChunk;
import com.evernote.edam.notestore.SyncChunkFilter;
import com.evernote.edam.type.LazyMap;
import com.evernote.edam.type.Note;
import org.triggerhappy.camel.evernote.EvernoteErrors.Call;
import org.triggerhappy.camel.evernote.TokenAccounts.Account;

import java.util.List;
import java.util.Optional;

/** Finding the note an AMBIGUOUS createNote may have written: by its marker (exact), else by its source URL. */
final class NoteLookup {

    private static final int SEARCH_PAGE = 50;
    private static final int SEARCH_MAX_SCANNED = 250;
    private static final int SYNC_CHUNK = 100;

    private final AccountCalls calls;

    NoteLookup(AccountCalls calls) {
        this.calls = calls;
    }

    /** The guid of the note carrying {@code marker} among the notes changed after {@code afterUsn}. */
    Optional<String> byMarker(String token, Account account, String marker, int afterUsn) throws EvernoteFailure {
        SyncChunkFilter filter = new SyncChunkFilter();
        filter.setIncludeNotes(true);
        filter.setIncludeNoteAttributes(true);
        filter.setIncludeNoteApplicationDataFullMap(true);
        int usn = afterUsn;
        while (true) {
            int from = usn;
            SyncChunk chunk = calls.onNoteStore(token, account, Call.REPEATABLE,
                    store -> store.getFilteredSyncChunk(token, from, SYNC_CHUNK, filter));
            for (Note note : chunk.isSetNotes() ? chunk.getNotes() : List.<Note>of()) {
                if (marker.equals(markerOf(note))) {
                    return Optional.of(note.getGuid());
                }
            }
            if (!chunk.isSetChunkHighUSN() || chunk.getChunkHighUSN() <= from
                    || chunk.getChunkHighUSN() >= chunk.getUpdateCount()) {
                return Optional.empty();
            }
            usn = chunk.getChunkHighUSN();
        }
    }

    private static String markerOf(Note note) {
        if (!note.isSetAttributes() || !note.getAttributes().isSetApplicationData()) {
            return null;
        }
        LazyMap data = note.getAttributes().getApplicationData();
        return data.isSetFullMap() ? data.getFullMap().get(EvernoteGateway.MARKER_KEY) : null;
    }

    /** The guid of a note in the notebook found by the search {@code words} whose sourceURL is exactly {@code url}. */
    Optional<String> bySourceUrl(String token, Account account, String words, String notebookGuid, String url)
            throws EvernoteFailure {
        NoteFilter filter = new NoteFilter();
        filter.setWords(words);
        filter.setNotebookGuid(notebookGuid);
        NotesMetadataResultSpec spec = new NotesMetadataResultSpec();
        spec.setIncludeAttributes(true);
        int offset = 0;
        while (offset < SEARCH_MAX_SCANNED) {
            int from = offset;
            NotesMetadataList page = calls.onNoteStore(token, account, Call.REPEATABLE,
                    store -> store.findNotesMetadata(token, filter, from, SEARCH_PAGE, spec));
            List<NoteMetadata> notes = page.getNotes() == null ? List.of() : page.getNotes();
            for (NoteMetadata note : notes) {
                // search matching is the service's business; only an exact sourceURL counts as the same item
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
}

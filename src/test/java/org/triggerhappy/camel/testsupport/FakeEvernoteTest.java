package org.triggerhappy.camel.testsupport;

import com.evernote.edam.error.EDAMErrorCode;
import com.evernote.edam.error.EDAMNotFoundException;
import com.evernote.edam.error.EDAMSystemException;
import com.evernote.edam.error.EDAMUserException;
import com.evernote.edam.notestore.NoteFilter;
import com.evernote.edam.notestore.NoteStore;
import com.evernote.edam.notestore.NotesMetadataList;
import com.evernote.edam.notestore.NotesMetadataResultSpec;
import com.evernote.edam.type.Note;
import com.evernote.edam.type.NoteAttributes;
import com.evernote.edam.type.Notebook;
import com.evernote.edam.userstore.Constants;
import com.evernote.edam.userstore.UserStore;
import com.evernote.thrift.TApplicationException;
import com.evernote.thrift.protocol.TBinaryProtocol;
import com.evernote.thrift.protocol.TProtocolException;
import com.evernote.thrift.transport.THttpClient;
import com.evernote.thrift.transport.TTransportException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The fake against the real SDK clients, wired by hand (no gateway involved). */
class FakeEvernoteTest {

    private static final String TOKEN = "S=s1:U=3e9:E=19a:C=18f:P=1cd:A=en-devtoken:V=2:H=0123456789abcdef";
    private static final String HEADER = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<!DOCTYPE en-note SYSTEM \"http://xml.evernote.com/pub/enml2.dtd\">";

    private FakeEvernote fake;

    @BeforeEach
    void start() {
        fake = new FakeEvernote();
        fake.addAccount(TOKEN, "alice");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private UserStore.Client userStore() throws TTransportException {
        return new UserStore.Client(new TBinaryProtocol(new THttpClient(fake.baseUrl() + "/edam/user")));
    }

    private NoteStore.Client noteStore() throws Exception {
        return new NoteStore.Client(new TBinaryProtocol(new THttpClient(userStore().getNoteStoreUrl(TOKEN))));
    }

    private static Note note(String title, String body) {
        Note note = new Note();
        note.setTitle(title);
        note.setContent(HEADER + "<en-note>" + body + "</en-note>");
        return note;
    }

    @Test
    void user_store_answers_version_note_store_url_and_user() throws Exception {
        UserStore.Client users = userStore();

        assertThat(users.checkVersion("test", Constants.EDAM_VERSION_MAJOR, Constants.EDAM_VERSION_MINOR)).isTrue();
        assertThat(users.getNoteStoreUrl(TOKEN)).isEqualTo(fake.baseUrl() + "/shard/s1/notestore");
        assertThat(users.getUser(TOKEN).getUsername()).isEqualTo("alice");
        assertThat(fake.calls("getUser")).isEqualTo(1);
    }

    @Test
    void unknown_token_is_invalid_auth() throws Exception {
        EDAMUserException e = catchThrowableOfType(EDAMUserException.class, () -> userStore().getUser("nope"));

        assertThat(e.getErrorCode()).isEqualTo(EDAMErrorCode.INVALID_AUTH);
        assertThat(e.getParameter()).isEqualTo("authenticationToken");
    }

    @Test
    void new_account_has_one_default_notebook() throws Exception {
        NoteStore.Client store = noteStore();

        List<Notebook> notebooks = store.listNotebooks(TOKEN);
        assertThat(notebooks).hasSize(1);
        assertThat(store.getDefaultNotebook(TOKEN).getGuid()).isEqualTo(notebooks.get(0).getGuid());
    }

    @Test
    void notebook_names_are_unique_case_insensitively() throws Exception {
        NoteStore.Client store = noteStore();
        Notebook feeds = new Notebook();
        feeds.setName("Feeds");
        store.createNotebook(TOKEN, feeds);
        feeds.setName("FEEDS");

        EDAMUserException e = catchThrowableOfType(EDAMUserException.class, () -> store.createNotebook(TOKEN, feeds));

        assertThat(e.getErrorCode()).isEqualTo(EDAMErrorCode.DATA_CONFLICT);
        assertThat(e.getParameter()).isEqualTo("Notebook.name");
    }

    @Test
    void create_note_stores_everything_and_find_by_source_url_matches_exactly() throws Exception {
        NoteStore.Client store = noteStore();
        Note note = note("Hello", "<p>Hi &amp; bye, caf&#233;&nbsp;&euro;</p>");
        note.setTagNames(List.of("rss", "News"));
        note.setCreated(1_700_000_000_000L);
        NoteAttributes attributes = new NoteAttributes();
        attributes.setSourceURL("https://example.org/a?b=\"c\"");
        note.setAttributes(attributes);

        String guid = store.createNote(TOKEN, note).getGuid();
        NoteFilter filter = new NoteFilter();
        filter.setWords("sourceURL:\"https://example.org/a?b=\\\"c\\\"\"");
        NotesMetadataResultSpec spec = new NotesMetadataResultSpec();
        spec.setIncludeAttributes(true);
        NotesMetadataList found = store.findNotesMetadata(TOKEN, filter, 0, 10, spec);
        filter.setWords("sourceURL:\"https://example.org/a\"");
        NotesMetadataList other = store.findNotesMetadata(TOKEN, filter, 0, 10, spec);

        assertThat(found.getNotes()).extracting(m -> m.getGuid()).containsExactly(guid);
        assertThat(found.getNotes().get(0).getAttributes().getSourceURL()).isEqualTo("https://example.org/a?b=\"c\"");
        assertThat(other.getTotalNotes()).isZero();
        assertThat(store.getNote(TOKEN, guid, true, false, false, false).getContent()).contains("caf&#233;");
        FakeEvernote.StoredNote stored = fake.notes(TOKEN).get(0);
        assertThat(stored.tagNames()).containsExactly("rss", "News");
        assertThat(stored.notebookName()).isEqualTo("alice's notebook");
        assertThat(stored.created().toEpochMilli()).isEqualTo(1_700_000_000_000L);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<div id=\"x\">a</div>",          // undeclared attribute
            "<script>alert(1)</script>",      // undeclared element
            "<p>a<!-- hidden --></p>",        // comments are rejected beyond the DTD
            "<p>&hellip2;</p>",               // unknown entity
            "<a href=\"index.html\">x</a>",   // relative href
            "<p>unclosed"})
    void invalid_enml_is_rejected_with_the_validator_message(String body) throws Exception {
        NoteStore.Client store = noteStore();

        EDAMUserException e = catchThrowableOfType(EDAMUserException.class,
                () -> store.createNote(TOKEN, note("Bad", body)));

        assertThat(e.getErrorCode()).isEqualTo(EDAMErrorCode.ENML_VALIDATION);
        assertThat(e.getParameter()).isNotBlank();
        assertThat(fake.notes(TOKEN)).isEmpty();
    }

    @Test
    void undeclared_attribute_message_is_the_xerces_one() throws Exception {
        NoteStore.Client store = noteStore();

        EDAMUserException e = catchThrowableOfType(EDAMUserException.class,
                () -> store.createNote(TOKEN, note("Bad", "<div class=\"c\">a</div>")));

        assertThat(e.getParameter()).isEqualTo("Attribute \"class\" must be declared for element type \"div\".");
    }

    @Test
    void content_without_doctype_is_rejected() throws Exception {
        Note note = note("No doctype", "");
        note.setContent("<en-note><p>x</p></en-note>");

        EDAMUserException e = catchThrowableOfType(EDAMUserException.class, () -> noteStore().createNote(TOKEN, note));

        assertThat(e.getErrorCode()).isEqualTo(EDAMErrorCode.ENML_VALIDATION);
    }

    @ParameterizedTest
    @ValueSource(strings = {" leading space", "trailing space ", "line\nbreak", ""})
    void bad_titles_are_bad_data_format(String title) throws Exception {
        NoteStore.Client store = noteStore();

        EDAMUserException e = catchThrowableOfType(EDAMUserException.class,
                () -> store.createNote(TOKEN, note(title, "<p>x</p>")));

        assertThat(e.getErrorCode()).isEqualTo(EDAMErrorCode.BAD_DATA_FORMAT);
        assertThat(e.getParameter()).isEqualTo("Note.title");
    }

    @Test
    void unknown_notebook_or_tag_guid_is_not_found() throws Exception {
        NoteStore.Client store = noteStore();
        Note inNowhere = note("Lost", "<p>x</p>");
        inNowhere.setNotebookGuid("00000000-0000-0000-0000-000000000000");
        Note badTag = note("Lost", "<p>x</p>");
        badTag.setTagGuids(List.of("00000000-0000-0000-0000-000000000001"));

        EDAMNotFoundException notebook = catchThrowableOfType(EDAMNotFoundException.class,
                () -> store.createNote(TOKEN, inNowhere));
        EDAMNotFoundException tag = catchThrowableOfType(EDAMNotFoundException.class,
                () -> store.createNote(TOKEN, badTag));

        assertThat(notebook.getIdentifier()).isEqualTo("Note.notebookGuid");
        assertThat(tag.getIdentifier()).isEqualTo("Tag.guid");
    }

    @Test
    void faults_apply_once_in_order_then_the_method_works_again() throws Exception {
        fake.failNext("listNotebooks", FakeEvernote.Fault.rateLimit(42));
        fake.failNext("listNotebooks", FakeEvernote.Fault.http500());
        NoteStore.Client store = noteStore();

        EDAMSystemException limited = catchThrowableOfType(EDAMSystemException.class, () -> store.listNotebooks(TOKEN));
        TTransportException http = catchThrowableOfType(TTransportException.class, () -> noteStore().listNotebooks(TOKEN));

        assertThat(limited.getErrorCode()).isEqualTo(EDAMErrorCode.RATE_LIMIT_REACHED);
        assertThat(limited.getRateLimitDuration()).isEqualTo(42);
        assertThat(http).hasMessage("HTTP Response code: 500");
        assertThat(noteStore().listNotebooks(TOKEN)).hasSize(1);
        assertThat(fake.calls("listNotebooks")).isEqualTo(3);
    }

    @Test
    void unknown_error_code_makes_the_old_client_throw_a_protocol_exception() throws Exception {
        fake.failNext("listTags", FakeEvernote.Fault.unknownErrorCode(28));

        assertThat(catchThrowableOfType(TProtocolException.class, () -> noteStore().listTags(TOKEN))).isNotNull();
    }

    @Test
    void unimplemented_method_is_an_application_exception() throws Exception {
        Note note = note("x", "<p>x</p>");

        assertThat(catchThrowableOfType(TApplicationException.class, () -> noteStore().updateNote(TOKEN, note)))
                .hasMessageContaining("updateNote");
    }

    @Test
    void search_can_be_denied_and_tokens_can_expire() throws Exception {
        fake.permissionDeniedSearch(TOKEN);
        NoteStore.Client store = noteStore();

        EDAMUserException denied = catchThrowableOfType(EDAMUserException.class,
                () -> store.findNotesMetadata(TOKEN, new NoteFilter(), 0, 10, new NotesMetadataResultSpec()));
        fake.expireToken(TOKEN);
        EDAMUserException expired = catchThrowableOfType(EDAMUserException.class, () -> store.listTags(TOKEN));

        assertThat(denied.getErrorCode()).isEqualTo(EDAMErrorCode.PERMISSION_DENIED);
        assertThat(expired.getErrorCode()).isEqualTo(EDAMErrorCode.AUTH_EXPIRED);
    }
}

package org.triggerhappy.camel.testsupport;

import com.evernote.edam.error.EDAMErrorCode;
import com.evernote.edam.error.EDAMUserException;
import com.evernote.edam.limits.Constants;
import com.evernote.edam.notestore.NoteStore;
import com.evernote.edam.notestore.SyncState;
import com.evernote.edam.type.Accounting;
import com.evernote.edam.type.Data;
import com.evernote.edam.type.Note;
import com.evernote.edam.type.Resource;
import com.evernote.edam.userstore.UserStore;
import com.evernote.thrift.protocol.TBinaryProtocol;
import com.evernote.thrift.transport.THttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The fake's resource checks and upload allowance, through the real SDK clients wired by hand. */
class FakeEvernoteResourcesTest {

    private static final String TOKEN = "S=s1:U=3eb:E=19a:C=18f:P=1cd:A=en-devtoken:V=2:H=cccccccccccccccc";
    private static final String HEADER = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<!DOCTYPE en-note SYSTEM \"http://xml.evernote.com/pub/enml2.dtd\">";

    private final byte[] png = TestImages.png(4, 3, 1);
    private FakeEvernote fake;

    @BeforeEach
    void start() {
        fake = new FakeEvernote();
        fake.addAccount(TOKEN, "bob");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private UserStore.Client userStore() throws Exception {
        return new UserStore.Client(new TBinaryProtocol(new THttpClient(fake.baseUrl() + FakeEvernote.USER_STORE_PATH)));
    }

    private NoteStore.Client noteStore() throws Exception {
        return new NoteStore.Client(new TBinaryProtocol(new THttpClient(fake.baseUrl() + FakeEvernote.NOTE_STORE_PATH)));
    }

    private static String hex(byte[] body) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body));
    }

    private static Resource resource(byte[] body) throws Exception {
        Data data = new Data();
        data.setBody(body);
        data.setBodyHash(MessageDigest.getInstance("MD5").digest(body));
        data.setSize(body.length);
        Resource resource = new Resource();
        resource.setData(data);
        resource.setMime("image/png");
        return resource;
    }

    private Note noteWith(String enmlBody, Resource... resources) {
        Note note = new Note();
        note.setTitle("With image");
        note.setContent(HEADER + "<en-note>" + enmlBody + "</en-note>");
        note.setResources(List.of(resources));
        return note;
    }

    private String media(byte[] body) throws Exception {
        return "<en-media type=\"image/png\" hash=\"" + hex(body) + "\"/>";
    }

    private EDAMUserException rejected(Consumer<Resource> spoil) throws Exception {
        Resource resource = resource(png);
        spoil.accept(resource);
        Note note = noteWith(media(png), resource);
        return catchThrowableOfType(EDAMUserException.class, () -> noteStore().createNote(TOKEN, note));
    }

    @Test
    void a_note_with_a_valid_resource_is_stored_with_it() throws Exception {
        Note created = noteStore().createNote(TOKEN, noteWith("<p>x</p>" + media(png), resource(png)));

        Note stored = noteStore().getNote(TOKEN, created.getGuid(), true, true, false, false);
        Note withoutData = noteStore().getNote(TOKEN, created.getGuid(), false, false, false, false);
        assertThat(stored.getResources()).hasSize(1);
        assertThat(stored.getResources().get(0).getData().getBody()).isEqualTo(png);
        assertThat(withoutData.getResources().get(0).getData().isSetBody()).isFalse();
        assertThat(withoutData.getResources().get(0).getData().getSize()).isEqualTo(png.length);
        assertThat(fake.notes(TOKEN).get(0).resources()).hasSize(1);
    }

    @Test
    void resources_are_checked_like_the_service_does() throws Exception {
        EDAMUserException badHash = rejected(r -> r.getData().setBodyHash(new byte[16]));
        EDAMUserException badSize = rejected(r -> r.getData().setSize(png.length + 1));
        EDAMUserException noBody = rejected(r -> r.getData().unsetBody());
        EDAMUserException noMime = rejected(Resource::unsetMime);
        EDAMUserException badMime = rejected(r -> r.setMime("image png"));

        assertThat(badHash.getErrorCode()).isEqualTo(EDAMErrorCode.BAD_DATA_FORMAT);
        assertThat(badHash.getParameter()).isEqualTo("Resource.data.bodyHash");
        assertThat(badSize.getErrorCode()).isEqualTo(EDAMErrorCode.BAD_DATA_FORMAT);
        assertThat(badSize.getParameter()).isEqualTo("Resource.data.size");
        assertThat(noBody.getErrorCode()).isEqualTo(EDAMErrorCode.DATA_REQUIRED);
        assertThat(noBody.getParameter()).isEqualTo("Resource.data");
        assertThat(noMime.getErrorCode()).isEqualTo(EDAMErrorCode.DATA_REQUIRED);
        assertThat(noMime.getParameter()).isEqualTo("Resource.mime");
        assertThat(badMime.getErrorCode()).isEqualTo(EDAMErrorCode.BAD_DATA_FORMAT);
        assertThat(badMime.getParameter()).isEqualTo("Resource.mime");
        assertThat(fake.notes(TOKEN)).isEmpty();
    }

    @Test
    void every_en_media_needs_a_resource_of_the_note() throws Exception {
        byte[] other = TestImages.png(4, 3, 2);
        Note missing = noteWith("<p>x</p><en-media alt=\"a > b\" hash=\"" + hex(other) + "\" type=\"image/png\"/>",
                resource(png));

        EDAMUserException e = catchThrowableOfType(EDAMUserException.class, () -> noteStore().createNote(TOKEN, missing));

        assertThat(e.getErrorCode()).isEqualTo(EDAMErrorCode.ENML_VALIDATION);
        assertThat(e.getParameter()).contains(hex(other));
    }

    @Test
    void too_many_resources_are_limit_reached() throws Exception {
        Resource[] many = new Resource[Constants.EDAM_NOTE_RESOURCES_MAX + 1];
        for (int i = 0; i < many.length; i++) {
            many[i] = resource(("r" + i).getBytes(StandardCharsets.UTF_8));
        }
        Note note = noteWith("<p>x</p>", many);

        EDAMUserException e = catchThrowableOfType(EDAMUserException.class, () -> noteStore().createNote(TOKEN, note));

        assertThat(e.getErrorCode()).isEqualTo(EDAMErrorCode.LIMIT_REACHED);
        assertThat(e.getParameter()).isEqualTo("Note.resources");
    }

    @Test
    void uploads_count_against_the_allowance_until_quota_reached() throws Exception {
        Accounting accounting = userStore().getUser(TOKEN).getAccounting();
        assertThat(accounting.getUploadLimit()).isEqualTo(Constants.EDAM_USER_UPLOAD_LIMIT_FREE);
        assertThat(accounting.getUploadLimitEnd()).isGreaterThan(System.currentTimeMillis());
        Note note = noteWith(media(png), resource(png));
        long size = note.getContent().getBytes(StandardCharsets.UTF_8).length + png.length;

        SyncState before = noteStore().getSyncState(TOKEN);
        noteStore().createNote(TOKEN, note);
        SyncState after = noteStore().getSyncState(TOKEN);
        assertThat(after.getUploaded() - before.getUploaded()).isEqualTo(size);
        assertThat(after.getUpdateCount()).isGreaterThan(before.getUpdateCount());

        Instant end = Instant.now().plus(Duration.ofDays(2));
        fake.setUploadLimit(TOKEN, after.getUploaded() + size - 1, end);
        EDAMUserException quota = catchThrowableOfType(EDAMUserException.class,
                () -> noteStore().createNote(TOKEN, note));
        assertThat(quota.getErrorCode()).isEqualTo(EDAMErrorCode.QUOTA_REACHED);
        assertThat(quota.getParameter()).isEqualTo("Accounting.uploadLimit");
        Accounting limited = userStore().getUser(TOKEN).getAccounting();
        assertThat(limited.getUploadLimitEnd()).isEqualTo(end.toEpochMilli());
        assertThat(fake.notes(TOKEN)).hasSize(1);
    }

    @Test
    void a_new_period_starts_with_nothing_uploaded() throws Exception {
        fake.setUploaded(TOKEN, 5_000);
        fake.setUploadLimit(TOKEN, 6_000, Instant.now().minusMillis(1));

        SyncState state = noteStore().getSyncState(TOKEN);

        assertThat(state.getUploaded()).isZero();
        assertThat(userStore().getUser(TOKEN).getAccounting().getUploadLimitEnd()).isGreaterThan(System.currentTimeMillis());
    }
}

package org.triggerhappy.camel.bench;

import com.evernote.edam.notestore.NoteStore;
import com.evernote.edam.type.Note;
import com.evernote.edam.userstore.UserStore;
import com.evernote.thrift.protocol.TBinaryProtocol;
import com.evernote.thrift.transport.THttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.triggerhappy.camel.evernote.EvernoteClients;

/**
 * The notes floor: the barest loop that writes the same number of notes to the same local Evernote with the official
 * SDK — one thread per user, each user's notes one after the other, note bodies of the farm's size, nothing read from
 * a feed, nothing stored. Runs in its own JVM like the service.
 * <pre>
 * NotesFloor EVERNOTE_BASE_URL TOKEN_PREFIX USERS NOTES_PER_USER BATCHES
 * </pre>
 * Prints one line per batch: {@code NOTES_FLOOR batch=… notes=… ms=…}. The first batch also asks each user's note
 * store URL, as the service does once per token.
 */
public final class NotesFloor {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String prefix = args[1];
        int users = Integer.parseInt(args[2]);
        int perUser = Integer.parseInt(args[3]);
        int batches = Integer.parseInt(args[4]);
        EvernoteClients.prepareJdkHttp(); // the service's JDK HTTP settings (kept-alive connections)
        String[] noteStoreUrls = new String[users];
        ExecutorService pool = Executors.newFixedThreadPool(users);
        for (int b = 1; b <= batches; b++) {
            int batch = b;
            long t0 = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>(users);
            for (int u = 0; u < users; u++) {
                int user = u;
                futures.add(pool.submit(() -> {
                    String token = prefix + user;
                    if (noteStoreUrls[user] == null) {
                        UserStore.Client us = new UserStore.Client(new TBinaryProtocol(new THttpClient(base + "/edam/user")));
                        noteStoreUrls[user] = us.getNoteStoreUrl(token);
                    }
                    Random r = new Random(31L * user + batch);
                    for (int i = 0; i < perUser; i++) {
                        String link = "http://floor.example/" + batch + "/" + user + "/" + i;
                        Note note = new Note();
                        note.setTitle("Floor " + batch + " " + user + " " + i);
                        note.setContent("<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE en-note SYSTEM"
                                + " \"http://xml.evernote.com/pub/enml2.dtd\"><en-note><div>"
                                + escape(FarmContent.html(r, link)) + "</div></en-note>");
                        NoteStore.Client ns = new NoteStore.Client(new TBinaryProtocol(new THttpClient(noteStoreUrls[user])));
                        ns.createNote(token, note);
                        ns.getInputProtocol().getTransport().close();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            System.out.printf(Locale.ROOT, "NOTES_FLOOR batch=%d notes=%d ms=%d%n", batch, users * perUser,
                    (System.nanoTime() - t0) / 1_000_000);
        }
        pool.shutdown();
    }

    private static String escape(String html) {
        return html.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

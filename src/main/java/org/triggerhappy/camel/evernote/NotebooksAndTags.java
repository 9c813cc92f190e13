package org.triggerhappy.camel.evernote;

import com.evernote.edam.type.Notebook;
import com.evernote.edam.type.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.triggerhappy.camel.evernote.EvernoteErrors.Call;
import org.triggerhappy.camel.evernote.TokenAccounts.Account;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.triggerhappy.camel.evernote.EvernoteCalls.unlessConflict;

/** An account's notebooks and tags by name, from its cache, else listed, else created. */
final class NotebooksAndTags {

    private static final Logger LOG = LoggerFactory.getLogger(EvernoteGateway.class); // with the gateway's other lines

    private final AccountCalls calls;

    NotebooksAndTags(AccountCalls calls) {
        this.calls = calls;
    }

    /** Null for a null name: the note then goes to the account's default notebook. */
    String notebookGuid(String token, Account account, String name) throws EvernoteFailure {
        if (name == null) {
            return null;
        }
        return account.notebooks.resolve(name, () -> listNotebooks(token, account), missing -> {
            Notebook notebook = new Notebook();
            notebook.setName(missing);
            Optional<Notebook> created = calls.onNoteStore(token, account, Call.REPEATABLE,
                    store -> unlessConflict(() -> store.createNotebook(token, notebook)));
            created.ifPresent(n -> LOG.debug("evernote.notebook_created account={} notebook_guid={}", account.id,
                    n.getGuid()));
            return created.map(Notebook::getGuid);
        });
    }

    /** The notebook's guid when the account has it; the cache, else one listing. */
    Optional<String> existingNotebookGuid(String token, Account account, String name) throws EvernoteFailure {
        return account.notebooks.lookup(name, () -> listNotebooks(token, account));
    }

    List<String> tagGuids(String token, Account account, List<String> names) throws EvernoteFailure {
        List<String> guids = new ArrayList<>();
        for (String name : names) {
            String guid = account.tags.resolve(name, () -> listTags(token, account), missing -> {
                Tag tag = new Tag();
                tag.setName(missing);
                Optional<Tag> created = calls.onNoteStore(token, account, Call.REPEATABLE,
                        store -> unlessConflict(() -> store.createTag(token, tag)));
                created.ifPresent(t -> LOG.debug("evernote.tag_created account={} tag_guid={}", account.id,
                        t.getGuid()));
                return created.map(Tag::getGuid);
            });
            if (!guids.contains(guid)) {
                guids.add(guid);
            }
        }
        return guids;
    }

    String defaultNotebookGuid(String token, Account account) throws EvernoteFailure {
        String guid = account.defaultNotebookGuid;
        if (guid == null) {
            guid = calls.onNoteStore(token, account, Call.REPEATABLE, store -> store.getDefaultNotebook(token))
                    .getGuid();
            account.defaultNotebookGuid = guid;
        }
        return guid;
    }

    /** After a createNote that named a notebook or tag deleted meanwhile: everything is listed again. */
    void forget(Account account) {
        account.notebooks.forget();
        account.tags.forget();
    }

    private Map<String, String> listNotebooks(String token, Account account) throws EvernoteFailure {
        Map<String, String> byName = new LinkedHashMap<>();
        calls.onNoteStore(token, account, Call.REPEATABLE, store -> store.listNotebooks(token))
                .forEach(n -> byName.put(n.getName(), n.getGuid()));
        return byName;
    }

    private Map<String, String> listTags(String token, Account account) throws EvernoteFailure {
        Map<String, String> byName = new LinkedHashMap<>();
        calls.onNoteStore(token, account, Call.REPEATABLE, store -> store.listTags(token))
                .forEach(t -> byName.put(t.getName(), t.getGuid()));
        return byName;
    }
}

package org.triggerhappy.camel.evernote;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Cached name → guid map of one account's notebooks or tags. Names are unique case-insensitively on the service.
 * Resolution runs under this object's lock so threads writing to one account do not list or create the same
 * name twice; a DATA_CONFLICT from another client is settled by listing again.
 */
final class NameDirectory {

    /** Lists all names and guids of the account. */
    @FunctionalInterface
    interface Lister {
        Map<String, String> list() throws EvernoteFailure;
    }

    /** Creates the name and returns its guid, or empty if the service answered DATA_CONFLICT (it exists already). */
    @FunctionalInterface
    interface Creator {
        Optional<String> create(String name) throws EvernoteFailure;
    }

    private final String what;
    private Map<String, String> guidsByKey; // null until listed

    NameDirectory(String what) {
        this.what = what;
    }

    /** The guid for {@code name}, listing on first use and creating the name if the account lacks it. */
    synchronized String resolve(String name, Lister lister, Creator creator) throws EvernoteFailure {
        Optional<String> known = find(name, lister);
        if (known.isPresent()) {
            return known.get();
        }
        Optional<String> created = creator.create(name);
        if (created.isPresent()) {
            guidsByKey.put(key(name), created.get());
            return created.get();
        }
        load(lister); // created by someone else since we listed
        // the listing may lag behind the create that conflicted: worth another try later
        return Optional.ofNullable(guidsByKey.get(key(name))).orElseThrow(() -> new EvernoteFailure(
                EvernoteFailure.Kind.TRANSIENT, what + " \"" + name + "\" conflicts with an existing one that is not listed",
                null));
    }

    /** The guid for {@code name} if the account has it; lists again once when the cache does not know it. */
    synchronized Optional<String> lookup(String name, Lister lister) throws EvernoteFailure {
        boolean fresh = guidsByKey == null;
        Optional<String> known = find(name, lister);
        if (known.isPresent() || fresh) {
            return known;
        }
        load(lister);
        return Optional.ofNullable(guidsByKey.get(key(name)));
    }

    synchronized void forget() {
        guidsByKey = null;
    }

    private Optional<String> find(String name, Lister lister) throws EvernoteFailure {
        if (guidsByKey == null) {
            load(lister);
        }
        return Optional.ofNullable(guidsByKey.get(key(name)));
    }

    private void load(Lister lister) throws EvernoteFailure {
        Map<String, String> listed = new HashMap<>();
        lister.list().forEach((name, guid) -> listed.put(key(name), guid));
        guidsByKey = listed;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}

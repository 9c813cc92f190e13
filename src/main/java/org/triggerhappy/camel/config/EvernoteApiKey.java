package org.triggerhappy.camel.config;

/**
 * The application's Evernote API key (consumer key and secret), which {@code tokens login} needs to run Evernote's
 * OAuth sign-in; the service itself never uses it. The secret never leaves this record except through
 * {@link #consumerSecret()}: {@link Settings#describe()} and {@link #toString()} mask it. The key is no secret
 * (Evernote writes it into every token it issues, {@code A=…}).
 */
public record EvernoteApiKey(String consumerKey, String consumerSecret) {

    public static EvernoteApiKey load(ConfigSource c) {
        String key = c.get(Setting.EVERNOTE_CONSUMER_KEY).strip();
        String secret = c.get(Setting.EVERNOTE_CONSUMER_SECRET).strip();
        if (key.isEmpty() != secret.isEmpty()) {
            throw new ConfigException(key.isEmpty()
                    ? "TH_EVERNOTE_CONSUMER_SECRET is set but TH_EVERNOTE_CONSUMER_KEY is empty: set both, or neither"
                    : "TH_EVERNOTE_CONSUMER_KEY is set but TH_EVERNOTE_CONSUMER_SECRET is empty: set both, or neither");
        }
        return new EvernoteApiKey(key, secret);
    }

    public boolean configured() {
        return !consumerKey.isEmpty();
    }

    @Override
    public String toString() {
        return "EvernoteApiKey[consumerKey=" + consumerKey + ", consumerSecret="
                + (consumerSecret.isEmpty() ? "" : "****") + "]";
    }
}

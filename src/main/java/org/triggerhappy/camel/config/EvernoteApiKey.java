package org.triggerhappy.camel.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The application's Evernote API key (consumer key and secret), which {@code tokens login} needs to run Evernote's
 * OAuth sign-in; the service itself never uses it. The secret never leaves this record except through
 * {@link #consumerSecret()}: {@link #describe()} and {@link #toString()} mask it. The key is no secret (Evernote
 * writes it into every token it issues, {@code A=…}).
 */
public record EvernoteApiKey(String consumerKey, String consumerSecret) {

    public static EvernoteApiKey load(ConfigSource c) {
        String key = c.get("th.evernote.consumer.key", "").strip();
        String secret = c.get("th.evernote.consumer.secret", "").strip();
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

    Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("TH_EVERNOTE_CONSUMER_KEY", consumerKey.isEmpty() ? "(none)" : consumerKey);
        m.put("TH_EVERNOTE_CONSUMER_SECRET", consumerSecret.isEmpty() ? "(empty)" : "****");
        return m;
    }

    @Override
    public String toString() {
        return "EvernoteApiKey[consumerKey=" + consumerKey + ", consumerSecret="
                + (consumerSecret.isEmpty() ? "" : "****") + "]";
    }
}

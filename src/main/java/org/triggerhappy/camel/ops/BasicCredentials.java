package org.triggerhappy.camel.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import org.triggerhappy.camel.entries.Hashes;

/** Checks an HTTP {@code Authorization: Basic …} header against the one configured user name and password. */
final class BasicCredentials {
    private final byte[] expected;

    BasicCredentials(String user, String password) {
        this.expected = Hashes.sha256((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    boolean accepts(String authorization) {
        if (authorization == null) {
            return false;
        }
        String h = authorization.strip();
        if (h.length() < 6 || !h.substring(0, 6).toLowerCase(Locale.ROOT).equals("basic ")) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(h.substring(6).strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        // Digests of equal length compared in constant time: the answer's timing tells nothing about the password.
        return MessageDigest.isEqual(expected, Hashes.sha256(given));
    }
}

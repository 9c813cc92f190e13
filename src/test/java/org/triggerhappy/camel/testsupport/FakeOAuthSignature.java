package org.triggerhappy.camel.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * OAuth 1.0a signatures as a server checks them (RFC 5849 §3.4), written from the RFC for {@link FakeEvernote}
 * without the client's library, so a test of the client is a test against an independent reading of the spec.
 */
public final class FakeOAuthSignature {
    private FakeOAuthSignature() {
    }

    /** RFC 5849 §3.6: every byte but the unreserved characters as %XX, upper-case hex. */
    public static String encode(String s) {
        StringBuilder b = new StringBuilder();
        for (byte raw : s.getBytes(StandardCharsets.UTF_8)) {
            int c = raw & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return b.toString();
    }

    /**
     * §3.4.1: METHOD&enc(base URI)&enc(normalised parameters); the parameters are every request parameter (query,
     * form body, Authorization header) except oauth_signature and realm, encoded, sorted by name then value.
     */
    public static String baseString(String method, String baseUri, List<Map.Entry<String, String>> parameters) {
        List<String[]> encoded = new ArrayList<>();
        for (Map.Entry<String, String> p : parameters) {
            if (!p.getKey().equals("oauth_signature") && !p.getKey().equals("realm")) {
                encoded.add(new String[] {encode(p.getKey()), encode(p.getValue())});
            }
        }
        encoded.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        StringBuilder normalised = new StringBuilder();
        for (String[] p : encoded) {
            if (normalised.length() > 0) {
                normalised.append('&');
            }
            normalised.append(p[0]).append('=').append(p[1]);
        }
        return method.toUpperCase(java.util.Locale.ROOT) + "&" + encode(baseUri) + "&" + encode(normalised.toString());
    }

    /** §3.4.2: base64(HMAC-SHA1(key = enc(consumer secret)&enc(token secret), base string)). */
    public static String hmacSha1(String baseString, String consumerSecret, String tokenSecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(plaintext(consumerSecret, tokenSecret).getBytes(StandardCharsets.UTF_8),
                    "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** §3.4.4: PLAINTEXT is the key itself. */
    public static String plaintext(String consumerSecret, String tokenSecret) {
        return encode(consumerSecret) + "&" + encode(tokenSecret == null ? "" : tokenSecret);
    }

    /** Whether {@code signature} is right for the request, for HMAC-SHA1 or PLAINTEXT; compared in constant time. */
    static boolean verify(String signatureMethod, String signature, String baseString,
                          String consumerSecret, String tokenSecret) {
        String expected = switch (signatureMethod) {
            case "HMAC-SHA1" -> hmacSha1(baseString, consumerSecret, tokenSecret);
            case "PLAINTEXT" -> plaintext(consumerSecret, tokenSecret);
            default -> null;
        };
        return expected != null && signature != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8));
    }
}

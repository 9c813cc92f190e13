package org.triggerhappy.camel.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fake's signature check against the specifications' own examples, so it is a fair judge of the client. */
class FakeOAuthSignatureTest {

    @Test
    void the_hmac_sha1_example_of_oauth_core_1_0_appendix_a() {
        List<Map.Entry<String, String>> params = List.of(
                Map.entry("file", "vacation.jpg"), Map.entry("size", "original"),
                Map.entry("oauth_consumer_key", "dpf43f3p2l4k3l03"), Map.entry("oauth_token", "nnch734d00sl2jdk"),
                Map.entry("oauth_signature_method", "HMAC-SHA1"), Map.entry("oauth_timestamp", "1191242096"),
                Map.entry("oauth_nonce", "kllo9940pd9333jh"), Map.entry("oauth_version", "1.0"),
                Map.entry("oauth_signature", "ignored"));

        String base = FakeOAuthSignature.baseString("GET", "http://photos.example.net/photos", params);

        assertThat(base).isEqualTo("GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg"
                + "%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3Dkllo9940pd9333jh"
                + "%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1191242096"
                + "%26oauth_token%3Dnnch734d00sl2jdk%26oauth_version%3D1.0%26size%3Doriginal");
        assertThat(FakeOAuthSignature.hmacSha1(base, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00"))
                .isEqualTo("tR3+Ty81lMeYAr/Fid0kMTYa/WM=");
        assertThat(FakeOAuthSignature.verify("HMAC-SHA1", "tR3+Ty81lMeYAr/Fid0kMTYa/WM=", base,
                "kd94hf93k423kf44", "pfkkdhi9sl3r4s00")).isTrue();
        assertThat(FakeOAuthSignature.verify("HMAC-SHA1", "tR3+Ty81lMeYAr/Fid0kMTYa/WM=", base,
                "kd94hf93k423kf45", "pfkkdhi9sl3r4s00")).as("another consumer secret").isFalse();
    }

    @Test
    void the_base_string_example_of_rfc_5849_section_3_4_1_with_repeated_and_encoded_parameters() {
        List<Map.Entry<String, String>> params = List.of(
                Map.entry("b5", "=%3D"), Map.entry("a3", "a"), Map.entry("c@", ""), Map.entry("a2", "r b"),
                Map.entry("realm", "Example"),
                Map.entry("oauth_consumer_key", "9djdj82h48djs9d2"), Map.entry("oauth_token", "kkk9d7dh3k39sjv7"),
                Map.entry("oauth_signature_method", "HMAC-SHA1"), Map.entry("oauth_timestamp", "137131201"),
                Map.entry("oauth_nonce", "7d8f3e4a"), Map.entry("oauth_signature", "bYT5CMsGcbgUdFHObYMEfcx6bsw="),
                Map.entry("c2", ""), Map.entry("a3", "2 q"));

        assertThat(FakeOAuthSignature.baseString("POST", "http://example.com/request", params)).isEqualTo(
                "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D"
                        + "%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a"
                        + "%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201"
                        + "%26oauth_token%3Dkkk9d7dh3k39sjv7");
    }

    @Test
    void plaintext_is_the_encoded_key_and_unknown_methods_never_verify() {
        assertThat(FakeOAuthSignature.plaintext("djr9rjt0jd78jf88", "jjd99$tj88uiths3"))
                .isEqualTo("djr9rjt0jd78jf88&jjd99%24tj88uiths3");
        assertThat(FakeOAuthSignature.verify("PLAINTEXT", "djr9rjt0jd78jf88&", "any", "djr9rjt0jd78jf88", ""))
                .isTrue();
        assertThat(FakeOAuthSignature.verify("RSA-SHA1", "x", "any", "s", "")).isFalse();
        assertThat(FakeOAuthSignature.encode("Ladies + Gentlemen ~é")).isEqualTo("Ladies%20%2B%20Gentlemen%20~%C3%A9");
    }
}

package org.triggerhappy.camel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.triggerhappy.camel.cli.AuthorisationAnswer.Verdict;

class AuthorisationAnswerTest {
    private static final String TEMPORARY = "th-camel.19A2B3C4D5E.0F1E2D3C";

    @Test
    void the_callback_names_the_temporary_token_and_carries_a_verifier_unless_access_was_declined() {
        AuthorisationAnswer allowed = AuthorisationAnswer.fromQuery("oauth_token=" + TEMPORARY
                + "&oauth_verifier=4C6E0A&sandbox_lnb=false");
        assertThat(allowed).isEqualTo(new AuthorisationAnswer(TEMPORARY, "4C6E0A"));
        assertThat(allowed.verdictFor(TEMPORARY, true)).isEqualTo(Verdict.ALLOWED);

        assertThat(AuthorisationAnswer.fromQuery("oauth_token=" + TEMPORARY + "&sandbox_lnb=false")
                .verdictFor(TEMPORARY, true)).isEqualTo(Verdict.DENIED);
        assertThat(AuthorisationAnswer.fromQuery("oauth_token=" + TEMPORARY + "&oauth_verifier=")
                .verdictFor(TEMPORARY, true)).as("an empty verifier is none").isEqualTo(Verdict.DENIED);
    }

    @Test
    void an_answer_for_another_temporary_token_or_without_one_is_foreign_on_the_callback() {
        assertThat(AuthorisationAnswer.fromQuery("oauth_token=other&oauth_verifier=4C6E0A")
                .verdictFor(TEMPORARY, true)).isEqualTo(Verdict.FOREIGN);
        assertThat(AuthorisationAnswer.fromQuery("oauth_verifier=4C6E0A").verdictFor(TEMPORARY, true))
                .isEqualTo(Verdict.FOREIGN);
        assertThat(AuthorisationAnswer.fromQuery(null).verdictFor(TEMPORARY, true)).isEqualTo(Verdict.FOREIGN);
        assertThat(AuthorisationAnswer.fromQuery("oauth_token=%zz").verdictFor(TEMPORARY, true))
                .isEqualTo(Verdict.FOREIGN);
    }

    @Test
    void a_pasted_address_query_string_or_bare_verifier_is_understood() {
        String address = "http://127.0.0.1:43123/callback?oauth_token=" + TEMPORARY + "&oauth_verifier=4C6E0A#top";
        assertThat(AuthorisationAnswer.pasted("  " + address + " ")).isEqualTo(new AuthorisationAnswer(TEMPORARY,
                "4C6E0A"));
        assertThat(AuthorisationAnswer.pasted("oauth_token=" + TEMPORARY + "&oauth_verifier=4C6E0A")
                .verdictFor(TEMPORARY, false)).isEqualTo(Verdict.ALLOWED);
        assertThat(AuthorisationAnswer.pasted("4C6E0A").verdictFor(TEMPORARY, false)).isEqualTo(Verdict.ALLOWED);
        assertThat(AuthorisationAnswer.pasted("4C6E0A").verdictFor(TEMPORARY, true)).isEqualTo(Verdict.FOREIGN);
        assertThat(AuthorisationAnswer.pasted("two words").verdictFor(TEMPORARY, false)).isEqualTo(Verdict.FOREIGN);
        assertThat(AuthorisationAnswer.pasted("http://example.org/other?oauth_token=x&oauth_verifier=1")
                .verdictFor(TEMPORARY, false)).isEqualTo(Verdict.FOREIGN);
        assertThat(AuthorisationAnswer.pasted("4C6E0A").toString()).doesNotContain("4C6E0A");
    }
}

package org.triggerhappy.camel.notes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DtdGrammarCacheTest {
    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<!DOCTYPE en-note SYSTEM \"http://xml.evernote.com/pub/enml2.dtd\">\n";

    @Test
    void the_cache_is_on_in_the_test_jvm_as_in_the_jar() {
        assertThat(DtdGrammarCache.active()).isTrue();
    }

    @Test
    void cached_validation_still_rejects_what_the_dtd_forbids_on_every_use() {
        EnmlValidator v = EnmlValidator.shared();
        for (int i = 0; i < 3; i++) {
            assertThat(v.problems(HEAD + "<en-note><p>ok &amp; fine</p></en-note>")).isEmpty();
            assertThat(v.problems(HEAD + "<en-note><div id=\"x\">no</div></en-note>"))
                    .anyMatch(p -> p.contains("\"id\""));
            assertThat(v.problems(HEAD + "<en-note><script>x</script></en-note>")).isNotEmpty();
        }
    }

    @Test
    void documents_with_named_entities_take_the_uncached_path_and_stay_valid() {
        String withEntities = HEAD + "<en-note><p>a&nbsp;b &hellip; &euro;</p></en-note>";
        assertThat(DtdGrammarCache.usableFor(withEntities)).isFalse();
        assertThat(DtdGrammarCache.usableFor(HEAD + "<en-note>&amp;&lt;&gt;&quot;&apos;&#233;</en-note>")).isTrue();
        assertThat(EnmlValidator.shared().problems(withEntities)).isEmpty();
    }
}

package org.triggerhappy.camel.notes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnmlValidatorTest {

    private final EnmlValidator validator = EnmlValidator.shared();

    static String enml(String body) {
        return EnmlConverter.PROLOG + "<en-note>" + body + "</en-note>";
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "<p>Hello <b>world</b></p>",
        "<p>&nbsp;&euro;&hellip;&#233;&amp;</p>",
        "<div><a href=\"https://example.org/a?b=c&amp;d=e#f\">x</a> <a href=\"mailto:me@example.org\">m</a></div>",
        "<en-todo checked=\"true\"/><table><tr><td colspan=\"2\">cell</td></tr></table>",
        "<img src=\"http://example.org/i.png\" alt=\"i\"/><br/><hr/>",
        "<a name=\"anchor-without-href\">n</a>",
    })
    void accepts_valid_enml(String body) {
        assertThat(validator.problems(enml(body))).isEmpty();
        assertThat(validator.isValid(enml(body))).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        script element        | <script>alert(1)</script>                  | Element type "script" must be declared.
        id attribute          | <div id="x">a</div>                        | Attribute "id" must be declared for element type "div".
        class attribute       | <p class="c">a</p>                         | Attribute "class" must be declared for element type "p".
        onclick               | <p onclick="x()">a</p>                     | Attribute "onclick" must be declared for element type "p".
        figure                | <figure>a</figure>                         | Element type "figure" must be declared.
        comment               | <p>a<!-- hidden --></p>                    | Illegal to contain comments in ENML
        relative href         | <a href="index.html">x</a>                 | Invalid a href attribute:index.html
        javascript href       | <a href="javascript:alert(1)">x</a>        | Invalid a href attribute:javascript:alert(1)
        empty href            | <a href="">x</a>                           | Invalid a href attribute:
        en-media without hash | <en-media type="image/png"/>               | Attribute "hash" is required and must be specified for element type "en-media".
        HTML5-only entity     | <p>&rarrw;</p>                             | The entity "rarrw" was referenced, but not declared.
        unclosed tag          | <p>a                                       | The element type "p" must be terminated by the matching end-tag "</p>".
        """)
    void rejects_what_evernote_rejects(String why, String body, String message) {
        List<String> problems = validator.problems(enml(body));
        assertThat(problems).as(why).contains(message);
        assertThat(validator.isValid(enml(body))).isFalse();
    }

    @Test
    void rejects_documents_without_the_enml_doctype_or_with_another_root() {
        assertThat(validator.problems("<?xml version=\"1.0\"?><en-note>a</en-note>")).isNotEmpty();
        assertThat(validator.problems(EnmlConverter.PROLOG + "<html><body>a</body></html>"))
                .anyMatch(p -> p.contains("must match DOCTYPE root"));
        assertThat(validator.problems("<?xml version=\"1.0\"?><!DOCTYPE en-note SYSTEM \"http://xml.evernote.com/pub/enml2.dtd\" "
                + "[<!ATTLIST div id CDATA #IMPLIED>]><en-note><div id=\"x\">a</div></en-note>"))
                .contains("The DOCTYPE must not have an internal subset");
        assertThat(validator.problems(null)).isNotEmpty();
    }

    @Test
    void never_fetches_other_external_entities() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE en-note SYSTEM \"http://127.0.0.1:9/evil.dtd\"><en-note>a</en-note>";
        assertThat(validator.problems(xxe)).anyMatch(p -> p.contains("External entity not allowed"));
    }

    @Test
    void rejects_content_longer_than_the_edam_limit() {
        String big = enml("<p>" + "x".repeat(EnmlValidator.CONTENT_LEN_MAX) + "</p>");
        assertThat(validator.problems(big)).singleElement().asString().contains("longer than");
    }

    @Test
    void is_usable_from_many_threads_at_once() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String body = i % 2 == 0 ? "<p>ok " + i + "</p>" : "<p id=\"x\">bad " + i + "</p>";
                boolean expected = i % 2 == 0;
                results.add(pool.submit(() -> validator.isValid(enml(body)) == expected));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

package org.triggerhappy.camel.notes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The hand-written allow-list must stay inside what the ENML DTD declares. */
class EnmlPolicyTest {

    @Test
    void every_kept_element_and_attribute_is_declared_by_the_enml_dtd() {
        List<String> problems = new ArrayList<>();
        for (String element : EnmlPolicy.keptElements()) {
            List<String> attributes = new ArrayList<>(EnmlPolicy.ownAttributes(element));
            attributes.add("style");
            for (String common : EnmlPolicy.commonAttributes()) {
                if (EnmlPolicy.allows(element, common)) {
                    attributes.add(common);
                }
            }
            for (String attribute : attributes) {
                String value = attribute.equals("href") ? "https://example.org/" : "1";
                String enml = EnmlValidatorTest.enml("<" + element + " " + attribute + "=\"" + value + "\"></" + element + ">");
                EnmlValidator.shared().problems(enml).forEach(p -> problems.add(element + "@" + attribute + ": " + p));
            }
        }
        assertThat(problems).isEmpty();
        // All 60 XHTML elements of the DTD except area and map (image maps make no sense in a note).
        assertThat(EnmlPolicy.keptElements()).hasSize(58).doesNotContain("area", "map");
    }

    @Test
    void undeclared_and_dangerous_elements_are_never_kept() {
        for (String name : List.of("script", "style", "iframe", "form", "object", "svg", "noscript", "head", "template")) {
            assertThat(EnmlPolicy.actionFor(name)).as(name).isEqualTo(EnmlPolicy.Action.DROP);
        }
        for (String name : List.of("figure", "section", "article", "time", "picture", "main", "label", "en-media", "html", "body")) {
            assertThat(EnmlPolicy.actionFor(name)).as(name).isEqualTo(EnmlPolicy.Action.UNWRAP);
        }
        assertThat(EnmlPolicy.allows("div", "id")).isFalse();
        assertThat(EnmlPolicy.allows("div", "width")).isFalse();
        assertThat(EnmlPolicy.allows("br", "lang")).isFalse(); // br has %coreattrs; only
    }

    @Test
    void style_is_kept_only_when_harmless() {
        assertThat(EnmlPolicy.isHarmlessStyle("color: red; margin: 0 1em")).isTrue();
        assertThat(EnmlPolicy.isHarmlessStyle("background: URL(http://t.example/p.gif)")).isFalse();
        assertThat(EnmlPolicy.isHarmlessStyle("width: expression(alert(1))")).isFalse();
        assertThat(EnmlPolicy.isHarmlessStyle("b\\61 ckground: u\\72l(x)")).isFalse();
        assertThat(EnmlPolicy.isHarmlessStyle("position: fixed; inset: 0")).isFalse();
        assertThat(EnmlPolicy.isHarmlessStyle("color: red;".repeat(200))).isFalse();
    }
}

package org.triggerhappy.camel.notes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A trigger's note title template: text with {@code {{title}}}, {@code {{feed}}}, {@code {{author}}},
 * {@code {{date}}} and {@code {{trigger}}}. Logic-less on purpose: no sections, no escaping rules to learn; the
 * values are plain text and the result goes through {@link NoteTitles} like any feed title.
 */
public final class TitleTemplate {
    public static final Set<String> PLACEHOLDERS = Set.of("title", "feed", "author", "date", "trigger");
    public static final int MAX_LENGTH = 500;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");

    // Literal text and placeholder names, alternating: literal, name, literal, … , literal.
    private final List<String> parts;

    private TitleTemplate(List<String> parts) {
        this.parts = parts;
    }

    /**
     * @throws IllegalArgumentException for an unknown placeholder or an unclosed {@code {{}, with the template
     */
    public static TitleTemplate parse(String template) {
        if (template.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("title template has " + template.length() + " characters; at most "
                    + MAX_LENGTH);
        }
        List<String> parts = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        int at = 0;
        while (m.find()) {
            String name = m.group(1);
            if (!PLACEHOLDERS.contains(name)) {
                throw new IllegalArgumentException("title template '" + template + "': unknown placeholder {{" + name
                        + "}}; use {{title}}, {{feed}}, {{author}}, {{date}} or {{trigger}}");
            }
            parts.add(literal(template, template.substring(at, m.start())));
            parts.add(name);
            at = m.end();
        }
        parts.add(literal(template, template.substring(at)));
        return new TitleTemplate(List.copyOf(parts));
    }

    private static String literal(String template, String text) {
        if (text.contains("{{") || text.contains("}}")) {
            throw new IllegalArgumentException("title template '" + template + "': unmatched '{{' or '}}'");
        }
        return text;
    }

    /**
     * @param values plain-text values by placeholder name; a missing one renders as ''
     * @return the title as raw feed-title markup, for {@link NoteTitles#of} (which decodes the escaping back)
     */
    public String render(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            String text = i % 2 == 0 ? parts.get(i) : values.getOrDefault(parts.get(i), "");
            out.append(XmlText.escapeText(text == null ? "" : text));
        }
        return out.toString();
    }
}

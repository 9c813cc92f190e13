package org.triggerhappy.camel.entries;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One keep or block rule, {@code FIELD=REGEX}: a Java regex searched (find, not a whole match) in one field of an
 * entry, case-sensitive unless the regex says {@code (?i)}.
 */
public record EntryRule(String text, Field field, Pattern pattern) {
    /** A rule longer than this is a mistake, not a filter. */
    public static final int MAX_LENGTH = 1000;

    /** The part of an entry a rule reads. */
    public enum Field {
        TITLE, CONTENT, LINK, AUTHOR, CATEGORY, ANY;

        static Field named(String name) {
            for (Field f : values()) {
                if (f.name().toLowerCase(Locale.ROOT).equals(name)) {
                    return f;
                }
            }
            return null;
        }
    }

    /**
     * @throws IllegalArgumentException naming the rule and what is wrong with it
     */
    public static EntryRule parse(String rule) {
        if (rule == null || rule.isBlank()) {
            throw new IllegalArgumentException("rule '' is empty: write FIELD=REGEX, e.g. title=(?i)sponsored");
        }
        if (rule.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("rule '" + rule.substring(0, 40) + "…' has " + rule.length()
                    + " characters; at most " + MAX_LENGTH);
        }
        int eq = rule.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("rule '" + rule + "' has no '=': write FIELD=REGEX with FIELD one of "
                    + fieldNames());
        }
        Field field = Field.named(rule.substring(0, eq).strip().toLowerCase(Locale.ROOT));
        if (field == null) {
            throw new IllegalArgumentException("rule '" + rule + "': unknown field '" + rule.substring(0, eq).strip()
                    + "'; one of " + fieldNames());
        }
        String regex = rule.substring(eq + 1);
        if (regex.isEmpty()) {
            throw new IllegalArgumentException("rule '" + rule + "' has no regex after '='");
        }
        try {
            return new EntryRule(rule, field, Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("rule '" + rule + "': invalid regex: "
                    + e.getDescription() + " near index " + e.getIndex());
        }
    }

    /** The texts this rule searches in the entry (a category rule: each category). */
    List<String> values(FeedEntry e) {
        List<String> out = new ArrayList<>(4);
        switch (field) {
            case TITLE -> add(out, e.title());
            case CONTENT -> add(out, e.contentHtml());
            case LINK -> add(out, e.link());
            case AUTHOR -> add(out, e.author());
            case CATEGORY -> e.categories().forEach(c -> add(out, c));
            case ANY -> {
                add(out, e.title());
                add(out, e.contentHtml());
                add(out, e.link());
                add(out, e.author());
                e.categories().forEach(c -> add(out, c));
            }
        }
        return out;
    }

    private static void add(List<String> out, String value) {
        if (value != null) {
            out.add(value);
        }
    }

    private static String fieldNames() {
        return "title, content, link, author, category, any";
    }

    @Override
    public String toString() {
        return text;
    }
}

package org.triggerhappy.camel.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jsoup.select.QueryParser;
import org.jsoup.select.Selector;
import org.triggerhappy.camel.config.ConfigException;
import org.triggerhappy.camel.config.FullContentMode;
import org.triggerhappy.camel.config.ImageMode;
import org.triggerhappy.camel.entries.EntryRule;
import org.triggerhappy.camel.notes.TitleTemplate;
import picocli.CommandLine.Option;

/**
 * How a trigger's entries become notes: the options {@code triggers add}, {@code set} and {@code preview} share,
 * each checked when read, so a bad one stops the command before anything is fetched or written. A getter gives null
 * for an option not given or set to 'default'; {@code given…} tells the two apart.
 */
final class NoteOptions {
    static final String DEFAULT = "default";
    static final int SELECTOR_MAX = 500;
    static final int RULES_MAX = 50;

    @Option(names = "--full-content", paramLabel = "MODE",
            description = "Put the whole article in the note: auto (fetch the linked page when the entry's text is"
                    + " under 500 characters), always, never, or 'default' (TH_FULL_CONTENT).")
    String fullContent;

    @Option(names = "--selector", paramLabel = "CSS",
            description = "CSS selector of the article on the linked pages (e.g. 'article .post-body'), used instead"
                    + " of automatic extraction; '' for automatic.")
    String selector;

    @Option(names = "--images", paramLabel = "MODE",
            description = "embed (images stored in the note), link (remote images), or 'default' (TH_IMAGES).")
    String images;

    @Option(names = "--keep", paramLabel = "RULE",
            description = "Only entries matching a keep rule become notes. RULE is FIELD=REGEX, FIELD one of title,"
                    + " content, link, author, category, any; a Java regex, case-sensitive unless (?i)."
                    + " Repeatable; added to the trigger's rules (unless --clear-rules).")
    List<String> keep = new ArrayList<>();

    @Option(names = "--block", paramLabel = "RULE",
            description = "Entries matching a block rule never become notes (checked before keep rules)."
                    + " Same form as --keep; repeatable.")
    List<String> block = new ArrayList<>();

    @Option(names = "--title-template", paramLabel = "TEMPLATE",
            description = "The note title: text with {{title}}, {{feed}}, {{author}}, {{date}} (yyyy-MM-dd in"
                    + " TH_TIME_ZONE) and {{trigger}}, e.g. '[{{feed}}] {{title}}'; 'default' or '' for the"
                    + " entry's own title.")
    String titleTemplate;

    boolean givenFullContent() {
        return fullContent != null;
    }

    FullContentMode fullContent() {
        return fullContent == null || isDefault(fullContent) ? null
                : option(() -> FullContentMode.parse("--full-content", fullContent));
    }

    boolean givenSelector() {
        return selector != null;
    }

    /** The selector, checked; null for automatic extraction. */
    String selector() {
        return selector == null || selector.isBlank() ? null : selector(selector.strip());
    }

    boolean givenImages() {
        return images != null;
    }

    ImageMode images() {
        return images == null || isDefault(images) ? null : option(() -> ImageMode.parse("--images", images));
    }

    String[] keepRules() {
        return rules("--keep", keep);
    }

    String[] blockRules() {
        return rules("--block", block);
    }

    boolean givenTitleTemplate() {
        return titleTemplate != null;
    }

    /** The template, checked; null for the entry's own title. */
    String titleTemplate() {
        return titleTemplate == null || titleTemplate.isBlank() || isDefault(titleTemplate) ? null
                : titleTemplate(titleTemplate);
    }

    /** Every rule compiled now, so that a bad one stops the command before anything is written. */
    static String[] rules(String option, List<String> given) {
        if (given.size() > RULES_MAX) {
            throw UserError.invalid(option + " given " + given.size() + " times; at most " + RULES_MAX + " rules");
        }
        for (String rule : given) {
            try {
                EntryRule.parse(rule);
            } catch (IllegalArgumentException e) {
                throw UserError.invalid(option + ": " + e.getMessage());
            }
        }
        return given.toArray(String[]::new);
    }

    static String titleTemplate(String template) {
        try {
            TitleTemplate.parse(template);
        } catch (IllegalArgumentException e) {
            throw UserError.invalid("--title-template: " + e.getMessage());
        }
        return template;
    }

    static String selector(String css) {
        if (css.length() > SELECTOR_MAX) {
            throw new UserError("--selector has " + css.length() + " characters; at most " + SELECTOR_MAX);
        }
        try {
            QueryParser.parse(css);
        } catch (Selector.SelectorParseException | IllegalArgumentException e) {
            throw new UserError("--selector '" + css + "' is not a valid CSS selector: " + e.getMessage());
        }
        return css;
    }

    static boolean isDefault(String v) {
        return v.strip().equalsIgnoreCase(DEFAULT);
    }

    static <T> T option(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (ConfigException e) {
            throw new UserError(e.getMessage()); // a bad option, not a bad configuration
        }
    }
}

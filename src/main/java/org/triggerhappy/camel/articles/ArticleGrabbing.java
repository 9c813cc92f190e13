package org.triggerhappy.camel.articles;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import kotlin.Pair;
import net.dankito.readability4j.extended.processor.ArticleGrabberExtended;
import net.dankito.readability4j.extended.util.RegExUtilExtended;
import net.dankito.readability4j.model.ArticleGrabberOptions;
import net.dankito.readability4j.model.ArticleMetadata;
import net.dankito.readability4j.model.ReadabilityOptions;
import net.dankito.readability4j.util.RegExUtil;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

/**
 * Readability4J's article grabber with the same algorithm at a fraction of the cost. Its {@code grabArticle}
 * serialises the whole page up front (to restore it before a retry) and the article three more times for debug
 * lines that are built even when debug is off; here the page is restored, only when a retry needs it, from a
 * fresh parse of the same page, as Readability.js restores its body. Texts are jsoup's, already trimmed and
 * whitespace-normalised, so Readability4J's second normalisation by regex is skipped, and an element is found
 * empty without computing its whole text.
 */
final class ArticleGrabbing extends ArticleGrabberExtended {

    private final Supplier<Document> freshPage;

    /** @param freshPage the page as it was before this grabber changed it (parsed again on each call) */
    ArticleGrabbing(ReadabilityOptions options, RegExUtilExtended regEx, Supplier<Document> freshPage) {
        super(options, regEx);
        this.freshPage = freshPage;
    }

    @Override
    public Element grabArticle(Document doc, ArticleMetadata metadata, ArticleGrabberOptions options,
                               Element pageElement) {
        Element page = pageElement != null ? pageElement : doc.body();
        if (page == null) {
            return null;
        }
        List<Pair<Element, Integer>> attempts = new ArrayList<>();
        while (true) {
            List<Element> toScore = prepareNodes(doc, options);
            List<Element> candidates = scoreElements(toScore, options);
            Pair<Element, Boolean> top = getTopCandidate(page, candidates, options);
            Element topCandidate = top.getFirst();
            Element articleContent = createArticleContent(doc, topCandidate, pageElement != null);
            prepArticle(articleContent, options, metadata);
            if (top.getSecond()) {
                topCandidate.attr("id", "readability-page-1");
                topCandidate.addClass("page");
            } else {
                Element div = doc.createElement("div");
                div.attr("id", "readability-page-1");
                div.addClass("page");
                for (Node child : new ArrayList<>(articleContent.childNodes())) {
                    child.remove();
                    div.appendChild(child);
                }
                articleContent.appendChild(div);
            }
            int textLength = getInnerText(articleContent, getRegEx(), true).length();
            if (textLength >= getWordThreshold()) {
                getTextDirection(topCandidate, doc);
                return articleContent;
            }
            attempts.add(new Pair<>(articleContent, textLength));
            if (options.getStripUnlikelyCandidates()) {
                options.setStripUnlikelyCandidates(false);
            } else if (options.getWeightClasses()) {
                options.setWeightClasses(false);
            } else if (options.getCleanConditionally()) {
                options.setCleanConditionally(false);
            } else {
                // as Readability4J: the attempt with the least text, when any has text at all
                Pair<Element, Integer> pick = attempts.stream().min(Comparator.comparing(Pair::getSecond)).get();
                if (pick.getSecond() <= 0) {
                    return null;
                }
                getTextDirection(topCandidate, doc);
                return pick.getFirst();
            }
            restore(page);
        }
    }

    /** The page's body as it was before this run, for the next attempt with fewer flags. */
    private void restore(Element page) {
        Element fresh = freshPage.get().body();
        page.empty();
        if (fresh != null) {
            page.appendChildren(new ArrayList<>(fresh.childNodes()));
        }
    }

    @Override
    protected String getInnerText(Element e, RegExUtil regEx, boolean normalizeSpaces) {
        return e.text();
    }

    /** Readability's measure (link text over all text), from lengths only. */
    @Override
    protected double getLinkDensity(Element element) {
        int textLength = Texts.length(element);
        if (textLength == 0) {
            return 0;
        }
        int linkLength = 0;
        for (Element a : element.getElementsByTag("a")) {
            linkLength += Texts.length(a);
        }
        return linkLength / (double) textLength;
    }

    @Override
    protected int getCharCount(Element node, char c) {
        return Texts.count(node, c);
    }

    @Override
    protected boolean isElementWithoutContent(Element node) {
        int children = node.childrenSize();
        if (children > 0) {
            int breaks = 0;
            for (Element child : node.getElementsByTag("br")) {
                breaks += child == node ? 0 : 1;
            }
            for (Element child : node.getElementsByTag("hr")) {
                breaks += child == node ? 0 : 1;
            }
            if (children != breaks) {
                return false;
            }
        }
        return !node.hasText();
    }
}

package org.triggerhappy.camel.articles;

import java.util.Optional;
import java.util.function.Supplier;
import net.dankito.readability4j.extended.Readability4JExtended;
import net.dankito.readability4j.extended.processor.ArticleGrabberExtended;
import net.dankito.readability4j.extended.util.RegExUtilExtended;
import net.dankito.readability4j.model.ArticleGrabberOptions;
import net.dankito.readability4j.model.ArticleMetadata;
import net.dankito.readability4j.processor.Preprocessor;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * One run of Readability4J's preprocessor, metadata parser and article grabber on a page. Its postprocessor is
 * skipped on purpose: it resolves URLs itself (dropping ports, keeping {@code ../}), which the caller has done
 * right before.
 */
final class ReadabilityPass extends Readability4JExtended {

    private ReadabilityPass(String uri, Document doc) {
        super(uri, doc);
    }

    /**
     * Runs Readability on {@code doc}, which it changes.
     *
     * @param freshPage {@code doc} as it was before this run (a new copy each call): the page a retry with fewer
     *     flags starts from
     */
    static Optional<Picked> run(Document doc, Supplier<Document> freshPage) {
        return new ReadabilityPass(doc.location(), doc).grab(freshPage);
    }

    private Optional<Picked> grab(Supplier<Document> freshPage) {
        Document doc = getDocument();
        new FormKeepingPreprocessor().prepareDocument(doc);
        ArticleMetadata metadata = getMetadataParser().getArticleMetadata(doc);
        // a grabber keeps per-run state: a fresh one each time
        ArticleGrabberExtended grabber = new ArticleGrabbing(getOptions(), (RegExUtilExtended) getRegEx(),
                () -> {
                    Document fresh = freshPage.get();
                    new FormKeepingPreprocessor().prepareDocument(fresh);
                    return fresh;
                });
        Element content = grabber.grabArticle(doc, metadata, new ArticleGrabberOptions(), null);
        if (content == null) {
            return Optional.empty();
        }
        String title = metadata.getTitle() == null ? "" : metadata.getTitle();
        return Optional.of(new Picked(content, title, true));
    }

    /**
     * Readability4J drops every form before it looks for the article, which loses whole pages built as one
     * form (ASP.NET); Readability.js keeps them. Forms are unwrapped instead: their controls go later.
     */
    private static final class FormKeepingPreprocessor extends Preprocessor {
        @Override
        protected void removeForms(Document document) {
            document.getElementsByTag("form").unwrap();
        }
    }
}

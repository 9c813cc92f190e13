package org.triggerhappy.camel.notes;

import javax.xml.parsers.DocumentBuilderFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shares the parsed ENML DTD between validations. Without it the JDK parser reads and compiles the DTD and its
 * three entity sets for every note, which was most of a delivery's CPU; with it a validation only reads the note.
 * The pool is the JDK's own Xerces grammar pool, which lives in a package java.xml does not export:
 * the jar's manifest (Add-Exports) and the test/bench JVMs open it. Where it is not open, validation works as
 * before, only slower, and the log says so once.
 */
public final class DtdGrammarCache {
    private static final Logger LOG = LoggerFactory.getLogger(DtdGrammarCache.class);
    private static final String POOL_PROPERTY = "http://apache.org/xml/properties/internal/grammar-pool";
    private static final Object POOL = createPool();

    private DtdGrammarCache() {
    }

    private static Object createPool() {
        try {
            return Class.forName("com.sun.org.apache.xerces.internal.util.XMLGrammarPoolImpl")
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.info("ENML validation without a DTD cache (slower): start the JVM with --add-exports"
                    + " java.xml/com.sun.org.apache.xerces.internal.util=ALL-UNNAMED ({})", e.toString());
            return null;
        }
    }

    /**
     * Lets parsers from this factory share one cache of DTD grammars (thread-safe). Use such parsers only for
     * documents {@link #usableFor} accepts.
     */
    public static void apply(DocumentBuilderFactory factory) {
        if (POOL != null) {
            try {
                factory.setAttribute(POOL_PROPERTY, POOL);
            } catch (IllegalArgumentException e) {
                // A different JAXP implementation: it has no such property; validate without the cache.
            }
        }
    }

    /**
     * Whether a document may be validated with the cached grammar: a cached DTD brings its element and attribute
     * declarations but not its entity declarations, so a document using named entities beyond XML's five
     * (&amp;nbsp; and the like; our converter never writes them) must take the uncached path.
     */
    public static boolean usableFor(String xml) {
        return POOL != null && !NAMED_ENTITY.matcher(xml).find();
    }

    private static final java.util.regex.Pattern NAMED_ENTITY =
            java.util.regex.Pattern.compile("&(?!(?:amp|lt|gt|quot|apos);)[A-Za-z_:]");

    public static boolean active() {
        return POOL != null;
    }
}

package org.triggerhappy.camel.notes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import org.xml.sax.EntityResolver;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Serves the ENML DTD and the three XHTML entity sets from the classpath ({@code /enml/}, read once) by system or
 * PUBLIC id, and refuses every other external entity: validation never touches the network.
 */
final class EnmlDtdResolver implements EntityResolver {

    private static final Map<String, String> RESOURCES = Map.of(
            EnmlValidator.ENML_SYSTEM_ID, "/enml/enml2.dtd",
            "https://xml.evernote.com/pub/enml2.dtd", "/enml/enml2.dtd",
            "http://www.w3.org/TR/xhtml1/DTD/xhtml-lat1.ent", "/enml/xhtml-lat1.ent",
            "http://www.w3.org/TR/xhtml1/DTD/xhtml-symbol.ent", "/enml/xhtml-symbol.ent",
            "http://www.w3.org/TR/xhtml1/DTD/xhtml-special.ent", "/enml/xhtml-special.ent",
            "-//W3C//ENTITIES Latin 1 for XHTML//EN", "/enml/xhtml-lat1.ent",
            "-//W3C//ENTITIES Symbols for XHTML//EN", "/enml/xhtml-symbol.ent",
            "-//W3C//ENTITIES Special for XHTML//EN", "/enml/xhtml-special.ent");

    // After RESOURCES: static fields initialise in order.
    static final EnmlDtdResolver INSTANCE = new EnmlDtdResolver();

    private final Map<String, byte[]> bytes = new HashMap<>();

    private EnmlDtdResolver() {
        for (String resource : RESOURCES.values()) {
            bytes.computeIfAbsent(resource, EnmlDtdResolver::load);
        }
    }

    @Override
    public InputSource resolveEntity(String publicId, String systemId) throws SAXException {
        String resource = publicId != null && RESOURCES.containsKey(publicId) ? RESOURCES.get(publicId) : RESOURCES.get(systemId);
        if (resource == null) {
            throw new SAXException("External entity not allowed in ENML: " + systemId);
        }
        InputSource source = new InputSource(new ByteArrayInputStream(bytes.get(resource)));
        source.setPublicId(publicId);
        source.setSystemId(systemId);
        return source;
    }

    private static byte[] load(String resource) {
        try (InputStream in = EnmlDtdResolver.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

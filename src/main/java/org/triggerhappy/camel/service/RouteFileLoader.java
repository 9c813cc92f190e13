package org.triggerhappy.camel.service;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.SAXParserFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.xml.io.XmlPullParserException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Puts the routes of one XML file of TH_ROUTES_DIR into the running context, in place of the routes its previous
 * version added. A file that is not well-formed XML (half written, or broken) changes nothing: its previous
 * routes keep running. A file that is well-formed but wrong (an unknown element, endpoint or bean) ends with none of
 * its routes running; either way {@link RouteFileException} says where and why.
 */
final class RouteFileLoader {
    private static final Pattern POSITION = Pattern.compile("(?:line[ =:]*|@)(\\d+)(?::\\d+)?");

    private final CamelContext context;
    private final Map<Path, Set<String>> routesOf = new ConcurrentHashMap<>();

    RouteFileLoader(CamelContext context) {
        this.context = context;
    }

    /** The ids of the routes the file added. */
    Set<String> load(Path file) throws RouteFileException {
        checkWellFormed(file);
        unload(file);
        Set<String> before = routeIds();
        try {
            PluginHelper.getRoutesLoader(context)
                    .loadRoutes(ResourceHelper.resolveMandatoryResource(context, "file:" + file.toAbsolutePath()));
        } catch (Exception e) {
            Set<String> added = routeIds();
            added.removeAll(before);
            added.forEach(this::remove);
            throw new RouteFileException(file, lineOf(e), rootMessage(e));
        }
        Set<String> added = routeIds();
        added.removeAll(before);
        routesOf.put(file, added);
        return added;
    }

    /** Stops and removes the routes the file added; the ids removed. */
    Set<String> unload(Path file) {
        Set<String> ids = routesOf.remove(file);
        if (ids == null) {
            return Set.of();
        }
        ids.forEach(this::remove);
        return ids;
    }

    private void remove(String routeId) {
        try {
            if (context.getRoute(routeId) != null) {
                context.getRouteController().stopRoute(routeId);
                context.removeRoute(routeId);
            }
            // Before the context starts a route is only a definition; after, its definition stays unless removed.
            RouteDefinition definition = model().getRouteDefinition(routeId);
            if (definition != null) {
                model().removeRouteDefinition(definition);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot remove route " + routeId + ": " + rootMessage(e), e);
        }
    }

    private Set<String> routeIds() {
        Set<String> ids = new HashSet<>();
        context.getRoutes().forEach(r -> ids.add(r.getRouteId()));
        model().getRouteDefinitions().forEach(d -> ids.add(d.getRouteId()));
        return ids;
    }

    private Model model() {
        return context.getCamelContextExtension().getContextPlugin(Model.class);
    }

    private static void checkWellFormed(Path file) throws RouteFileException {
        try (InputStream in = Files.newInputStream(file)) {
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setNamespaceAware(true);
            // Route files never need a DTD; refusing one keeps the check from reading anything but the file.
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.newSAXParser().parse(in, new DefaultHandler());
        } catch (SAXParseException e) {
            throw new RouteFileException(file, e.getLineNumber(), e.getMessage());
        } catch (Exception e) {
            throw new RouteFileException(file, -1, rootMessage(e));
        }
    }

    /** The line Camel's XML parser stopped at, else one named in a message of the chain, else -1. */
    static int lineOf(Throwable e) {
        int line = -1;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof XmlPullParserException x && x.getLineNumber() > 0) {
                return x.getLineNumber();
            }
            Matcher m = POSITION.matcher(t.getMessage() == null ? "" : t.getMessage());
            while (line < 0 && m.find()) {
                line = Integer.parseInt(m.group(1));
            }
        }
        return line;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.replaceAll("\\s+", " ").trim();
    }

    /** Why a route file was not loaded: the file, the line when known (else -1), the reason. */
    static final class RouteFileException extends Exception {
        private final transient Path file;
        private final int line;
        private final String reason;

        RouteFileException(Path file, int line, String reason) {
            super(file + (line > 0 ? ":" + line : "") + ": " + reason);
            this.file = file;
            this.line = line;
            this.reason = reason;
        }

        Path file() {
            return file;
        }

        int line() {
            return line;
        }

        String reason() {
            return reason;
        }
    }
}

package org.triggerhappy.camel.ops;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * The first handler of every request on both HTTP servers: basic authentication for everything except the bare
 * liveness and readiness probes. Mounted at {@code /*} of each server's router, before any route, so a route added
 * later (a flow, a Camel endpoint switched on by a property) is covered too.
 */
final class HttpGuard implements Handler<RoutingContext> {
    /** Probes answer UP/DOWN only; with a query (exposureLevel=full shows each check) they need the password. */
    static final Set<String> OPEN_PATHS = Set.of("/observe/health/live", "/observe/health/ready");
    static final String REALM = "TriggerHappy Camel";

    private final BasicCredentials credentials;

    HttpGuard(BasicCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (isOpen(ctx.normalizedPath(), ctx.request().query())
                || credentials.accepts(ctx.request().getHeader("Authorization"))) {
            ctx.next();
            return;
        }
        ctx.response().setStatusCode(401)
                .putHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"")
                .putHeader("Content-Type", "text/plain; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end("authentication required\n");
    }

    static boolean isOpen(String normalizedPath, String query) {
        if (query != null && !query.isEmpty()) {
            return false;
        }
        String p = normalizedPath.length() > 1 && normalizedPath.endsWith("/")
                ? normalizedPath.substring(0, normalizedPath.length() - 1) : normalizedPath;
        return OPEN_PATHS.contains(p);
    }
}

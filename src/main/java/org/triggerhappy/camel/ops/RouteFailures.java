package org.triggerhappy.camel.ops;

import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.triggerhappy.camel.config.Masked;
import org.triggerhappy.camel.pipeline.DueTrigger;
import org.triggerhappy.camel.pipeline.EntryMessage;

/**
 * What the routes' declared error policies ({@code <routeConfiguration>} in routes/errors.xml and routes/flows.xml)
 * do with an error that reached them: one line naming the route and what it was working on (the trigger, the outbox
 * item), masked, and one count in {@code triggerhappy_route_failures_total{route}}. The policies mark the error
 * handled, so the route goes on with its next message.
 */
public final class RouteFailures {
    private static final Logger ROUTES = LoggerFactory.getLogger("org.triggerhappy.camel.routes");
    private static final Logger FLOWS = LoggerFactory.getLogger("org.triggerhappy.camel.flows");

    private final ServiceMetrics metrics;

    public RouteFailures(ServiceMetrics metrics) {
        this.metrics = metrics;
    }

    /** An error no step of a built-in route expected (a bug, say): with its stack trace. */
    public void unexpected(Exchange exchange) {
        Throwable e = exception(exchange);
        String route = route(exchange);
        metrics.routeFailed(route);
        ROUTES.error("route step failed, the route goes on route={}{} error=\"{}\"", route, subject(exchange),
                message(e), Masked.exception(e));
    }

    /** The database could not be reached: the route's next run tries again. */
    public void databaseUnavailable(Exchange exchange) {
        Throwable e = exception(exchange);
        String route = route(exchange);
        metrics.routeFailed(route);
        ROUTES.warn("route step skipped, the database is unavailable; the next run retries route={}{} error=\"{}\"",
                route, subject(exchange), message(e));
    }

    /** A flow gave up on its copy of an entry (after its retries, when its policy has some). */
    public void flowFailed(Exchange exchange) {
        Throwable e = exception(exchange);
        String route = route(exchange);
        metrics.routeFailed(route);
        FLOWS.warn("flow failed flow={} trigger_id={} outbox_id={} error=\"{}\"", route, triggerId(exchange),
                outboxId(exchange), message(e));
    }

    private static Throwable exception(Exchange exchange) {
        Throwable e = exchange.getProperty(ExchangePropertyKey.EXCEPTION_CAUGHT, Throwable.class);
        return e != null ? e : exchange.getException();
    }

    private static String route(Exchange exchange) {
        String failed = exchange.getProperty(ExchangePropertyKey.FAILURE_ROUTE_ID, String.class);
        return failed != null ? failed : exchange.getFromRouteId();
    }

    private static String message(Throwable e) {
        return e == null ? "" : Masked.text(String.valueOf(e.getMessage()));
    }

    /** The trigger and outbox item the route was working on, those it knows. */
    private static String subject(Exchange exchange) {
        Object trigger = triggerId(exchange);
        Object outbox = outboxId(exchange);
        return (trigger == null ? "" : " trigger_id=" + trigger) + (outbox == null ? "" : " outbox_id=" + outbox);
    }

    /** A flow's copy carries it as a property (pipeline/EntriesEndpoint); the poll route's step has its trigger. */
    private static Object triggerId(Exchange exchange) {
        Object id = exchange.getProperty("thTriggerId");
        if (id == null && exchange.getProperty("trigger") instanceof DueTrigger due) {
            id = due.trigger().triggerId();
        }
        return id;
    }

    /** A flow's copy carries it as a property; a delivery's message is the entry (or its reference). */
    private static Object outboxId(Exchange exchange) {
        Object id = exchange.getProperty("thOutboxId");
        if (id == null && exchange.getMessage().getBody() instanceof Map<?, ?> entry) {
            id = entry.get(EntryMessage.OUTBOX_ID);
        }
        return id;
    }
}

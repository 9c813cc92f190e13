package org.triggerhappy.camel.pipeline;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Component;
import org.apache.camel.Exchange;
import org.apache.camel.component.seda.BlockingQueueFactory;
import org.apache.camel.component.seda.SedaConsumer;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.support.AsyncProcessorSupport;

/**
 * {@code seda:entries}: every subscriber gets its own copy of every new entry, as with plain SEDA, but not through
 * one shared multicast. Delivery (the route {@value #DELIVERY_ROUTE}) gets its copy on the publishing thread, as
 * before, and only the ids ({@link EntryMessage#ref}: the delivery reads the rest from the outbox, so the queue to
 * delivery holds no content); every other subscriber (a flow) gets the whole entry through its own {@link FlowLane},
 * so a flow that is slow, failing or stuck never delays a note.
 */
final class EntriesEndpoint extends SedaEndpoint {
    /** The route that hands entries to delivery (routes/evernote.xml). */
    static final String DELIVERY_ROUTE = "evernote";
    /** Exchange properties on a flow's copy, for its log lines (properties, unlike headers, are never sent on). */
    static final String TRIGGER_ID = "thTriggerId";
    static final String OUTBOX_ID = "thOutboxId";

    private final Map<SedaConsumer, FlowLane> lanes = new ConcurrentHashMap<>();
    private final AsyncProcessor fanOut = new AsyncProcessorSupport() {
        @Override
        public boolean process(Exchange exchange, AsyncCallback callback) {
            fanOut(exchange);
            callback.done(true);
            return true;
        }
    };

    EntriesEndpoint(String uri, Component component, BlockingQueueFactory<Exchange> queueFactory, int consumers) {
        super(uri, component, queueFactory, consumers);
    }

    EntriesEndpoint(String uri, Component component, BlockingQueue<Exchange> queue, int consumers) {
        super(uri, component, queue, consumers);
    }

    @Override
    protected AsyncProcessor getConsumerMulticastProcessor() {
        return fanOut;
    }

    /** Called as subscribers start and stop (a reloaded route file): a stopped flow's lane goes with it. */
    @Override
    protected synchronized void updateMulticastProcessor() {
        Set<SedaConsumer> current = getConsumers();
        lanes.entrySet().removeIf(e -> {
            boolean gone = !current.contains(e.getKey());
            if (gone) {
                e.getValue().close();
            }
            return gone;
        });
    }

    @Override
    protected void doShutdown() throws Exception {
        lanes.values().forEach(FlowLane::close);
        lanes.clear();
        super.doShutdown();
    }

    private void fanOut(Exchange published) {
        for (SedaConsumer consumer : getConsumers()) {
            Exchange copy = copyFor(published, consumer);
            if (DELIVERY_ROUTE.equals(consumer.getRouteId())) {
                try {
                    consumer.getProcessor().process(copy);
                } catch (Exception e) {
                    copy.setException(e);
                }
                if (copy.getException() != null) {
                    published.setException(copy.getException());
                }
            } else {
                laneOf(consumer).offer(copy);
            }
        }
    }

    private FlowLane laneOf(SedaConsumer consumer) {
        return lanes.computeIfAbsent(consumer, c -> new FlowLane(c.getRouteId(), c.getProcessor(),
                intProperty("th.flow.threads", 2), intProperty("th.flow.queue.size", 1000)));
    }

    /**
     * A fresh exchange per subscriber, with its own copy of the entry map: one flow's edits never reach another.
     * Delivery's copy holds the ids only.
     */
    private Exchange copyFor(Exchange published, SedaConsumer consumer) {
        Exchange copy = createExchange();
        copy.getIn().setHeaders(new HashMap<>(published.getIn().getHeaders()));
        Object body = published.getIn().getBody();
        if (body instanceof Map<?, ?> entry) {
            copy.getIn().setBody(DELIVERY_ROUTE.equals(consumer.getRouteId()) && entry.get(EntryMessage.OUTBOX_ID) != null
                    ? EntryMessage.ref(((Number) entry.get(EntryMessage.OUTBOX_ID)).longValue(),
                            ((Number) entry.get(EntryMessage.USER_ID)).intValue())
                    : new LinkedHashMap<>(entry));
            copy.setProperty(TRIGGER_ID, entry.get("triggerId"));
            copy.setProperty(OUTBOX_ID, entry.get("outboxId"));
        } else {
            copy.getIn().setBody(body);
        }
        copy.getExchangeExtension().setFromEndpoint(this);
        copy.getExchangeExtension().setFromRouteId(consumer.getRouteId());
        return copy;
    }

    private int intProperty(String key, int def) {
        String v = getCamelContext().resolvePropertyPlaceholders("{{" + key + ":" + def + "}}");
        try {
            int n = Integer.parseInt(v.trim());
            return n > 0 ? n : def;
        } catch (NumberFormatException e) {
            return def;
        }
    }
}

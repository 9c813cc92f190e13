package org.triggerhappy.camel.pipeline;

import java.util.concurrent.BlockingQueue;
import org.apache.camel.Component;
import org.apache.camel.Exchange;
import org.apache.camel.component.seda.BlockingQueueFactory;
import org.apache.camel.component.seda.SedaComponent;
import org.apache.camel.component.seda.SedaEndpoint;

/**
 * Camel's SEDA component, except that {@code seda:entries} is an {@link EntriesEndpoint}: routes and flows keep
 * writing {@code seda:entries?multipleConsumers=true}, and each flow runs on its own threads. Bound as "seda".
 */
public final class EntriesSedaComponent extends SedaComponent {
    private static final String ENTRIES = "entries";

    @Override
    protected SedaEndpoint createEndpoint(String uri, Component component, BlockingQueueFactory<Exchange> queueFactory,
                                          int concurrentConsumers) {
        return isEntries(uri) ? new EntriesEndpoint(uri, component, queueFactory, concurrentConsumers)
                : super.createEndpoint(uri, component, queueFactory, concurrentConsumers);
    }

    @Override
    protected SedaEndpoint createEndpoint(String uri, Component component, BlockingQueue<Exchange> queue,
                                          int concurrentConsumers) {
        return isEntries(uri) ? new EntriesEndpoint(uri, component, queue, concurrentConsumers)
                : super.createEndpoint(uri, component, queue, concurrentConsumers);
    }

    private static boolean isEntries(String uri) {
        String rest = uri.replaceFirst("^seda:(//)?", "");
        int q = rest.indexOf('?');
        return (q < 0 ? rest : rest.substring(0, q)).equals(ENTRIES);
    }
}

package org.triggerhappy.camel.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * {@code routes/evernote.xml} alone on Camel Main, its two beans stood in for: every entry published on
 * {@code seda:entries} and every item the sweep finds due at start reach the delivery bean, each once. No properties
 * file but the ones given here (the placeholder file named does not exist).
 */
@CamelMainTest(
        properties = {"camel.main.routes-include-pattern=classpath:routes/evernote.xml",
                "th.sweep.period.ms=3600000", "th.delivery.concurrency=2"},
        propertyPlaceholderFileName = "no-such-file.properties",
        configurationClasses = DeliveryRoutesTest.StandIns.class)
class DeliveryRoutesTest {
    static final Queue<Object> DELIVERED = new ConcurrentLinkedQueue<>();

    @BeanInject
    CamelContext context;

    /** What the routes call, by the names they call it. */
    public static final class StandIns implements CamelConfiguration {
        @BindToRegistry("outboxSweeper")
        public Sweeper sweeper() {
            return new Sweeper();
        }

        @BindToRegistry("noteDelivery")
        public Delivery delivery() {
            return new Delivery();
        }
    }

    public static final class Sweeper {
        public List<Map<String, Object>> due() {
            return List.of(Map.of("outboxId", 11L, "userId", 1), Map.of("outboxId", 12L, "userId", 2));
        }
    }

    public static final class Delivery {
        public void deliver(Map<String, Object> message) {
            DELIVERED.add(message.get("outboxId"));
        }
    }

    @Test
    void entries_and_swept_items_each_reach_the_delivery_once() {
        context.createProducerTemplate().sendBody("seda:entries?multipleConsumers=true",
                Map.of("outboxId", 21L, "userId", 1, "title", "An entry"));
        await().atMost(Duration.ofSeconds(10)).until(() -> DELIVERED.size() >= 3);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> DELIVERED.size() == 3);
        assertThat(DELIVERED).containsExactlyInAnyOrder(11L, 12L, 21L);
    }
}

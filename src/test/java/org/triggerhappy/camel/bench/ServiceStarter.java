package org.triggerhappy.camel.bench;

import java.util.List;
import java.util.Map;
import org.triggerhappy.camel.testsupport.FakeEvernote;
import org.triggerhappy.camel.testsupport.TestDatabase;

/** How a scenario starts the service (PollBench's jar, AppCDS archive and TH_* environment) in a JVM of its own. */
@FunctionalInterface
interface ServiceStarter {
    /**
     * @param xmx     the JVM's heap
     * @param env     TH_* settings added to the benchmark's own
     * @param command the service's arguments, e.g. {@code run --once} or {@code run}
     */
    JvmRun start(String label, TestDatabase.Db db, FeedFarm farm, FakeEvernote evernote, int concurrency, String xmx,
                 Map<String, String> env, List<String> command);
}

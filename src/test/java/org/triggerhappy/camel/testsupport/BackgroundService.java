package org.triggerhappy.camel.testsupport;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.triggerhappy.camel.config.Settings;
import org.triggerhappy.camel.service.ServiceRuntime;

/** The service as {@code run} runs it (timer on, until stopped), in a background thread of the test JVM. */
public final class BackgroundService implements AutoCloseable {
    private final ServiceRuntime runtime;
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private BackgroundService(Settings settings) {
        this.runtime = ServiceRuntime.create(settings, true);
        this.thread = new Thread(() -> {
            try {
                runtime.runForever();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "service-under-test");
        thread.setDaemon(true);
    }

    public static BackgroundService start(Settings settings) {
        BackgroundService s = new BackgroundService(settings);
        s.thread.start();
        return s;
    }

    public ServiceRuntime runtime() {
        return runtime;
    }

    /** What ended the service's thread with an error, if anything did. */
    public Throwable failure() {
        return failure.get();
    }

    /** Stops it as SIGTERM would and closes its database pool. */
    @Override
    public void close() throws InterruptedException {
        runtime.stop();
        thread.join(Duration.ofSeconds(60).toMillis());
        runtime.close();
    }
}

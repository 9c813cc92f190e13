package org.triggerhappy.camel.fetch;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@link AddressPolicy} applied to each hop within the fetch's deadline: DNS lookups block without a JDK
 * timeout, so they run on threads of their own and the caller stops waiting when its time is up.
 */
final class AddressChecks {

    /** The time left of the fetch's deadline; fails TIMEOUT when none is. */
    @FunctionalInterface
    interface TimeLeft {
        Duration get() throws FetchException;
    }

    private final AddressPolicy policy;
    private final ExecutorService dnsExecutor;
    private final RecentlyResolved recentlyResolved = new RecentlyResolved();

    AddressChecks(AddressPolicy policy) {
        this.policy = policy;
        // When all threads hang (DNS outage) the caller resolves itself, bounded by the system resolver timeout.
        this.dnsExecutor = new ThreadPoolExecutor(0, 16, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                DaemonThreads.named("feed-dns"), new ThreadPoolExecutor.CallerRunsPolicy());
    }

    void check(URI uri, TimeLeft timeLeft) throws FetchException {
        if (recentlyResolved.answersAtOnce(uri.getHost())) {
            // An IP literal, or a name the JDK resolved moments ago (its cache answers): no thread hop needed.
            policy.check(uri);
            return;
        }
        Duration remaining = timeLeft.get();
        CompletableFuture<Void> check = CompletableFuture.runAsync(() -> {
            try {
                policy.check(uri);
            } catch (FetchException e) {
                throw new CompletionException(e);
            }
        }, dnsExecutor);
        try {
            check.get(remaining.toNanos(), TimeUnit.NANOSECONDS);
            recentlyResolved.resolved(uri.getHost());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof FetchException fe) {
                throw fe;
            }
            throw new FetchException(FetchException.Kind.IO, "address check failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new FetchException(FetchException.Kind.TIMEOUT,
                    "DNS lookup of " + uri.getHost() + " did not finish within the total timeout", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException(FetchException.Kind.IO, "interrupted while resolving " + uri.getHost(), e);
        }
    }
}

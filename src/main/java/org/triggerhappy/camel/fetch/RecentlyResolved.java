package org.triggerhappy.camel.fetch;

import java.security.Security;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells whether resolving a host cannot block: an IP literal, or a name resolved successfully a few seconds ago, which
 * the JDK's positive DNS cache (30 s by default) still holds. Those are checked on the fetch thread itself; other
 * names go through the DNS pool, where a hanging resolver is cut off by the fetch's total timeout.
 */
final class RecentlyResolved {
    private static final long FRESH_NANOS = 10_000_000_000L;
    private static final int MAX_HOSTS = 10_000;

    private final Map<String, Long> resolvedAt = new ConcurrentHashMap<>();
    private final boolean jdkCaches;

    RecentlyResolved() {
        // An operator who turned the JDK's DNS cache off gets every name resolved under the timeout again.
        String ttl = Security.getProperty("networkaddress.cache.ttl");
        this.jdkCaches = ttl == null || !ttl.trim().equals("0");
    }

    boolean answersAtOnce(String host) {
        if (host == null) {
            return false;
        }
        if (isIpLiteral(host)) {
            return true;
        }
        Long at = resolvedAt.get(host);
        return jdkCaches && at != null && System.nanoTime() - at < FRESH_NANOS;
    }

    void resolved(String host) {
        if (host == null || !jdkCaches) {
            return;
        }
        if (resolvedAt.size() >= MAX_HOSTS) {
            resolvedAt.clear(); // a crude bound: forgetting only costs a thread hop per host
        }
        resolvedAt.put(host, System.nanoTime());
    }

    /** A bracketed IPv6 literal or a dotted-quad IPv4 address (0–255 each): never a DNS lookup. */
    static boolean isIpLiteral(String host) {
        if (host.startsWith("[") && host.endsWith("]")) {
            return true;
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }
}

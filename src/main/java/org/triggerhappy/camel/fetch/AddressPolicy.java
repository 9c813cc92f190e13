package org.triggerhappy.camel.fetch;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * SSRF guard: a feed URL may only lead to public addresses, unless the operator allows specific private ones.
 * <p>
 * {@link #check(URI)} resolves the host and refuses it when ANY of its addresses is non-public, so a host with one
 * public and one private record cannot slip through. The HTTP client then resolves the host again when it connects;
 * the JDK caches positive DNS answers for 30 s (networkaddress.cache.ttl), so it normally connects to an address that
 * was checked. The remaining DNS-rebinding window is a cache expiry between check and connect.
 */
public final class AddressPolicy {

    /** The environment variable the operator sets; named in refusals so the fix is obvious. */
    public static final String SETTING = "TH_ALLOW_PRIVATE_NETWORKS";

    private static final AddressPolicy STRICT = new AddressPolicy(false, List.of(), Set.of());
    private static final AddressPolicy ALLOW_ALL = new AddressPolicy(true, List.of(), Set.of());

    private final boolean allowAll;
    private final List<IpRange> allowedRanges;
    private final Set<Endpoint> allowedEndpoints;

    private record Endpoint(InetAddress address, int port) {
    }

    private AddressPolicy(boolean allowAll, List<IpRange> allowedRanges, Set<Endpoint> allowedEndpoints) {
        this.allowAll = allowAll;
        this.allowedRanges = List.copyOf(allowedRanges);
        this.allowedEndpoints = Set.copyOf(allowedEndpoints);
    }

    /** Public addresses only. */
    public static AddressPolicy strict() {
        return STRICT;
    }

    /** No address restriction (single-user installs on a home network). */
    public static AddressPolicy allowAll() {
        return ALLOW_ALL;
    }

    /**
     * Parses the {@value #SETTING} value: null, "" or "false" → strict; "true" → allow all; otherwise a comma-separated
     * list of {@code address:port} entries (IPv6 as {@code [::1]:8080}; that address on that port only) and CIDR
     * blocks or single addresses ({@code 127.0.0.0/8}, {@code ::1/128}; any port).
     *
     * @throws IllegalArgumentException naming the first invalid entry
     */
    public static AddressPolicy parse(String value) {
        if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("false")) {
            return STRICT;
        }
        if (value.strip().equalsIgnoreCase("true")) {
            return ALLOW_ALL;
        }
        List<IpRange> ranges = new ArrayList<>();
        Set<Endpoint> endpoints = new HashSet<>();
        for (String raw : value.split(",")) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            try {
                if (isEndpoint(entry)) {
                    endpoints.add(parseEndpoint(entry));
                } else {
                    ranges.add(IpRange.parse(entry));
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid " + SETTING + " entry '" + entry + "': " + e.getMessage()
                        + " (expected true, false, address:port or CIDR such as 127.0.0.0/8)", e);
            }
        }
        return new AddressPolicy(false, ranges, endpoints);
    }

    /**
     * Checks the scheme and every resolved address of the URI's host; call before connecting, on every hop.
     *
     * @throws FetchException INVALID_URL (not http/https, no host), DNS (unresolvable), BLOCKED_ADDRESS
     */
    public void check(URI uri) throws FetchException {
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new FetchException(FetchException.Kind.INVALID_URL,
                    "unsupported URL scheme '" + scheme + "' in " + Urls.display(uri) + " (only http and https)");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new FetchException(FetchException.Kind.INVALID_URL, "URL has no valid host: " + Urls.display(uri));
        }
        String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        int port = uri.getPort() != -1 ? uri.getPort() : ("https".equals(scheme) ? 443 : 80);
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bareHost);
        } catch (UnknownHostException e) {
            throw new FetchException(FetchException.Kind.DNS, "cannot resolve host " + bareHost, e);
        }
        for (InetAddress address : addresses) {
            Optional<String> refusal = refusal(address, port);
            if (refusal.isPresent()) {
                throw new FetchException(FetchException.Kind.BLOCKED_ADDRESS, "address " + address.getHostAddress()
                        + " of host " + bareHost + " is " + refusal.get() + "; set " + SETTING + " to allow it");
            }
        }
    }

    /** Whether a connection to this address and port is allowed. */
    public boolean permits(InetAddress address, int port) {
        return refusal(address, port).isEmpty();
    }

    private Optional<String> refusal(InetAddress address, int port) {
        if (allowAll) {
            return Optional.empty();
        }
        Optional<String> category = SpecialAddresses.category(address);
        if (category.isEmpty()) {
            return Optional.empty();
        }
        InetAddress canonical = IpRange.unmapped(address);
        boolean allowed = allowedEndpoints.contains(new Endpoint(canonical, port))
                || allowedRanges.stream().anyMatch(r -> r.contains(canonical));
        return allowed ? Optional.empty() : category;
    }

    private static boolean isEndpoint(String entry) {
        if (entry.contains("/")) {
            return false;
        }
        // "[v6]:port", or "a.b.c.d:port" (exactly one colon); bare IPv6 has several colons and no brackets
        return entry.startsWith("[") ? entry.contains("]:") : entry.indexOf(':') >= 0
                && entry.indexOf(':') == entry.lastIndexOf(':');
    }

    private static Endpoint parseEndpoint(String entry) {
        int colon = entry.lastIndexOf(':');
        String portText = entry.substring(colon + 1);
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port '" + portText + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " out of range 1-65535");
        }
        return new Endpoint(IpRange.unmapped(IpRange.parseLiteral(entry.substring(0, colon))), port);
    }

    @Override
    public String toString() {
        if (allowAll) {
            return "AddressPolicy[allow all]";
        }
        return "AddressPolicy[public only, plus ranges " + allowedRanges + ", endpoints " + allowedEndpoints + "]";
    }
}

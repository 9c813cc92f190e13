package org.triggerhappy.camel.fetch;

import java.time.Duration;
import java.util.Objects;
import org.triggerhappy.camel.config.ConfigException;
import org.triggerhappy.camel.config.Settings;

/**
 * Limits and identity for {@link FeedFetcher}.
 *
 * @param connectTimeout TCP/TLS connect timeout per hop
 * @param totalTimeout   deadline for the whole exchange: DNS, every redirect hop and the complete body
 * @param maxBodyBytes   cap on the body after decompression
 * @param maxRedirects   redirects followed before giving up
 * @param userAgent      the User-Agent header
 * @param addressPolicy  SSRF guard applied to every hop
 * @param accept         the Accept header: feeds by default; {@link #forPages()} and {@link #forImages(long)} for
 *                       article pages and images, which share every other guard
 */
public record FetchSettings(Duration connectTimeout, Duration totalTimeout, long maxBodyBytes, int maxRedirects,
                            String userAgent, AddressPolicy addressPolicy, String accept) {

    public static final String ACCEPT_FEEDS =
            "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9,"
                    + " text/xml;q=0.9, application/json;q=0.8, */*;q=0.8";
    public static final String ACCEPT_PAGES = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5";
    public static final String ACCEPT_IMAGES = "image/png, image/jpeg, image/gif, image/*;q=0.8";

    public static final String DEFAULT_USER_AGENT =
            "TriggerHappyCamel/0.1 (+https://github.com/triggerhappy/triggerhappy-camel)";
    /** Same cap as Miniflux's HTTP_CLIENT_MAX_BODY_SIZE. */
    public static final long DEFAULT_MAX_BODY_BYTES = 15L * 1024 * 1024;
    public static final int DEFAULT_MAX_REDIRECTS = 10;

    public FetchSettings {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(totalTimeout, "totalTimeout");
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, was " + maxBodyBytes);
        }
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("maxRedirects must not be negative, was " + maxRedirects);
        }
        if (userAgent == null || userAgent.isBlank()) {
            throw new IllegalArgumentException("userAgent must not be blank");
        }
        Objects.requireNonNull(addressPolicy, "addressPolicy");
        if (accept == null || accept.isBlank()) {
            accept = ACCEPT_FEEDS;
        }
    }

    public FetchSettings(Duration connectTimeout, Duration totalTimeout, long maxBodyBytes, int maxRedirects,
                         String userAgent, AddressPolicy addressPolicy) {
        this(connectTimeout, totalTimeout, maxBodyBytes, maxRedirects, userAgent, addressPolicy, ACCEPT_FEEDS);
    }

    /** The same guards for article pages (HTML). */
    public FetchSettings forPages() {
        return new FetchSettings(connectTimeout, totalTimeout, maxBodyBytes, maxRedirects, userAgent, addressPolicy,
                ACCEPT_PAGES);
    }

    /** The same guards for images, each capped at {@code maxImageBytes}. */
    public FetchSettings forImages(long maxImageBytes) {
        return new FetchSettings(connectTimeout, totalTimeout, maxImageBytes, maxRedirects, userAgent, addressPolicy,
                ACCEPT_IMAGES);
    }

    /** 10 s connect, 30 s total, 15 MiB, 10 redirects, the project's User-Agent. */
    public static FetchSettings defaults(AddressPolicy addressPolicy) {
        return new FetchSettings(Duration.ofSeconds(10), Duration.ofSeconds(30), DEFAULT_MAX_BODY_BYTES,
                DEFAULT_MAX_REDIRECTS, DEFAULT_USER_AGENT, addressPolicy);
    }

    /**
     * The configured guards (TH_FETCH_CONNECT_TIMEOUT, TH_FETCH_TIMEOUT, TH_FETCH_MAX_BYTES,
     * TH_ALLOW_PRIVATE_NETWORKS): the service and the CLI fetch under the same ones.
     *
     * @throws ConfigException when TH_ALLOW_PRIVATE_NETWORKS cannot be read
     */
    public static FetchSettings from(Settings settings) {
        AddressPolicy policy;
        try {
            policy = AddressPolicy.parse(settings.allowPrivateNetworks());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        return new FetchSettings(settings.fetchConnectTimeout(), settings.fetchTimeout(), settings.fetchMaxBytes(),
                DEFAULT_MAX_REDIRECTS, DEFAULT_USER_AGENT, policy);
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + d);
        }
    }
}

package org.triggerhappy.camel.fetch;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.triggerhappy.camel.notes.FetchedImage;
import org.triggerhappy.camel.notes.ImageSource;

/**
 * Downloads images for notes with the feed fetcher's guards (address policy on every hop, timeouts, the private
 * network allow-list) and a per-image size cap. Never throws: a failure is logged at debug and the image stays remote.
 * Thread-safe; share one.
 */
public final class ImageFetcher implements ImageSource {

    private static final Logger LOG = LoggerFactory.getLogger(ImageFetcher.class);

    /** TH_IMAGE_MAX_BYTES default. */
    public static final long DEFAULT_MAX_IMAGE_BYTES = 10L * 1024 * 1024;

    private final FeedFetcher fetcher;

    /**
     * @param settings      the feed fetcher's settings (address policy, timeouts, User-Agent)
     * @param maxImageBytes cap on one image's body; a larger image is not downloaded further
     */
    public ImageFetcher(FetchSettings settings, long maxImageBytes) {
        this.fetcher = new FeedFetcher(settings.forImages(maxImageBytes));
    }

    @Override
    public Optional<FetchedImage> get(String url) {
        try {
            FetchResult result = fetcher.fetch(url, null, null);
            if (result.body() == null || result.body().length == 0) {
                LOG.debug("image not embedded: empty body url={}", shown(url));
                return Optional.empty();
            }
            return Optional.of(new FetchedImage(result.body(), result.finalUrl(), result.contentType()));
        } catch (FetchException e) {
            LOG.debug("image not embedded: {} ({}) url={}", e.getMessage(), e.kind(), shown(url));
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.debug("image not embedded: {} url={}", e.toString(), shown(url));
            return Optional.empty();
        }
    }

    /** Scheme, host, port and path only: user info and query strings of image URLs may carry credentials. */
    private static String shown(String url) {
        try {
            URI uri = Urls.parse(url);
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
                    + (uri.getRawPath() == null ? "" : uri.getRawPath());
        } catch (URISyntaxException | RuntimeException e) {
            return "(unreadable URL)";
        }
    }
}

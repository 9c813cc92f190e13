package org.triggerhappy.camel.fetch;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * Outcome of a successful fetch.
 *
 * @param status       200 (or another 2xx) with a body, or 304 when the conditional request matched
 * @param body         decompressed body; empty on 304
 * @param finalUrl     URL of the last hop (after redirects)
 * @param permanentUrl URL reached by the leading run of 301/308 redirects, the one worth persisting; null when the
 *                     first hop was not a permanent redirect or there was no redirect
 * @param etag         ETag of the response; on a 304 without one, the ETag that was sent
 * @param lastModified Last-Modified of the response; on a 304 without one, the value that was sent
 * @param maxAge       Cache-Control max-age, null when absent
 * @param contentType  Content-Type header, null when absent
 */
public record FetchResult(int status, byte[] body, String finalUrl, String permanentUrl, String etag,
                          String lastModified, Duration maxAge, String contentType) {

    public boolean notModified() {
        return status == 304;
    }

    // Records compare arrays by identity; compare the body by content instead.
    @Override
    public boolean equals(Object o) {
        return o instanceof FetchResult r && r.status == status && Arrays.equals(r.body, body)
                && Objects.equals(r.finalUrl, finalUrl) && Objects.equals(r.permanentUrl, permanentUrl)
                && Objects.equals(r.etag, etag) && Objects.equals(r.lastModified, lastModified)
                && Objects.equals(r.maxAge, maxAge) && Objects.equals(r.contentType, contentType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, Arrays.hashCode(body), finalUrl, permanentUrl, etag, lastModified, maxAge,
                contentType);
    }

    @Override
    public String toString() {
        return "FetchResult[status=" + status + ", body=" + (body == null ? "null" : body.length + " bytes")
                + ", finalUrl=" + finalUrl + ", permanentUrl=" + permanentUrl + ", etag=" + etag
                + ", lastModified=" + lastModified + ", maxAge=" + maxAge + ", contentType=" + contentType + "]";
    }
}

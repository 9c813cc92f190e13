package org.triggerhappy.camel.evernote;

import java.time.Instant;

/**
 * An account's monthly upload allowance as the service reports it.
 *
 * @param uploaded  bytes uploaded in the current period (SyncState.uploaded)
 * @param limit     bytes the account may upload per period (Accounting.uploadLimit)
 * @param periodEnd when the current period ends and uploads count from zero again (Accounting.uploadLimitEnd), or
 *                  null when the service did not say
 */
public record UploadAllowance(long uploaded, long limit, Instant periodEnd) {

    /** Bytes the account may still upload in this period (never negative). */
    public long remaining() {
        return Math.max(0, limit - uploaded);
    }
}

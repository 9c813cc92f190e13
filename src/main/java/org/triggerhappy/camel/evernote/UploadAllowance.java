package org.triggerhappy.camel.evernote;

import java.time.Instant;

/**
 * What an account may still upload in its current period: every note's ENML and resources count against
 * {@code limit} (Evernote's monthly upload allowance, {@code Accounting.uploadLimit}).
 *
 * @param uploaded  bytes uploaded in this period ({@code SyncState.uploaded})
 * @param limit     the period's allowance ({@code Accounting.uploadLimit})
 * @param periodEnd when the period ends and the count starts again ({@code Accounting.uploadLimitEnd}); may be null
 */
public record UploadAllowance(long uploaded, long limit, Instant periodEnd) {

    public long remaining() {
        return Math.max(0, limit - uploaded);
    }
}

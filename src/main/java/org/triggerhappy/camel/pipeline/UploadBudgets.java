package org.triggerhappy.camel.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.triggerhappy.camel.evernote.EvernoteFailure;
import org.triggerhappy.camel.evernote.UploadAllowance;
import org.triggerhappy.camel.persistence.DeliveryTarget;

/**
 * Per user, what the Evernote account may still upload this period, asked of the service at most every few minutes
 * and counted down locally by each note written in between. Images are embedded only within it.
 */
final class UploadBudgets {
    private static final Logger LOG = LoggerFactory.getLogger(UploadBudgets.class);
    static final Duration REFRESH = Duration.ofMinutes(5);

    private record Known(UploadAllowance allowance, Instant askedAt, long spentSince, Instant warnedFor) {
        long remaining() {
            return Math.max(0, allowance.remaining() - spentSince);
        }
    }

    private final NoteSink sink;
    private final Map<Integer, Known> byUser = new ConcurrentHashMap<>();

    UploadBudgets(NoteSink sink) {
        this.sink = sink;
    }

    /** Bytes the user's account may still upload; {@code Long.MAX_VALUE} when the sink has no limit or cannot say. */
    long remaining(DeliveryTarget t, Instant now) {
        return known(t, now).map(Known::remaining).orElse(Long.MAX_VALUE);
    }

    /** When the user's upload period ends, asked again of the service (after QUOTA_REACHED the count is stale). */
    Optional<Instant> periodEnd(DeliveryTarget t, Instant now) {
        byUser.remove(t.userId());
        return known(t, now).map(k -> k.allowance().periodEnd());
    }

    /** A note of this many bytes was written for the user. */
    void spent(int userId, long bytes) {
        byUser.computeIfPresent(userId, (u, k) -> new Known(k.allowance(), k.askedAt(), k.spentSince() + bytes,
                k.warnedFor()));
    }

    /** True the first time it is asked for the user in the current period: the caller logs it once. */
    boolean firstWarning(int userId) {
        boolean[] first = {false};
        byUser.computeIfPresent(userId, (u, k) -> {
            Instant period = k.allowance().periodEnd() == null ? Instant.EPOCH : k.allowance().periodEnd();
            if (period.equals(k.warnedFor())) {
                return k;
            }
            first[0] = true;
            return new Known(k.allowance(), k.askedAt(), k.spentSince(), period);
        });
        return first[0];
    }

    private Optional<Known> known(DeliveryTarget t, Instant now) {
        Known k = byUser.get(t.userId());
        if (k != null && k.askedAt().plus(REFRESH).isAfter(now)) {
            return Optional.of(k);
        }
        try {
            Optional<UploadAllowance> a = sink.uploadAllowance(t);
            if (a.isEmpty()) {
                return Optional.empty();
            }
            Known fresh = new Known(a.get(), now, 0, k == null ? null : k.warnedFor());
            byUser.put(t.userId(), fresh);
            return Optional.of(fresh);
        } catch (EvernoteFailure e) {
            // Not knowing is no reason to hold the note: Evernote's QUOTA_REACHED is the final word.
            LOG.debug("upload allowance unknown user_id={} error=\"{}\"", t.userId(), e.getMessage());
            return Optional.ofNullable(k);
        }
    }
}

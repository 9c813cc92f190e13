package org.triggerhappy.camel.pipeline;

/**
 * Where the pipeline reports what happened, once per outcome: the poll route's cycles and refreshes, and each
 * delivery attempt. One listener turns the reports into the cycle's summary line, the {@code run --once} summary
 * and the Prometheus series, so no outcome is counted in two places.
 */
public interface Outcomes {

    /** The poll route starts a cycle. */
    void cycleStarted();

    /** The poll route's cycle is over (its refreshes are; deliveries go on beside the next one). */
    void cycleEnded();

    /** A trigger was taken for a refresh in the running cycle. */
    void triggerPolled();

    /** The feed had not changed; {@code status} is 304 or 200-unchanged (the same body again). */
    void feedUnchanged(String status);

    /**
     * The refresh failed; {@code status} as stored in thc_feed_state.last_status: {@code fetch-<kind>},
     * {@code parse-error}, {@code rules-error}, {@code internal-error}.
     */
    void feedFailed(String status);

    /**
     * The feed was read: {@code newEntries} seen for the first time, {@code queued} of them became notes to write,
     * {@code filtered} were removed by the trigger's keep/block rules and {@code crossFeedDuplicates} were left to
     * another trigger that delivers the same article.
     */
    void feedRead(int newEntries, int queued, int filtered, int crossFeedDuplicates);

    /** A delivery attempt ended so. */
    void note(NoteOutcome outcome);
}

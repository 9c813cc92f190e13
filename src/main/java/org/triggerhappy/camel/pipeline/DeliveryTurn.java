package org.triggerhappy.camel.pipeline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.triggerhappy.camel.persistence.OutboxClaims.Claimed;
import org.triggerhappy.camel.persistence.UserPauseRepository.Pause;

/**
 * One turn of a user's delivery lane ({@link UserLanes}): what it knows of the account's sync state, the items it
 * claimed last (together), which of them have their sync baseline stored, a pause it met, and its notes not
 * recorded yet.
 */
final class DeliveryTurn {
    boolean asked;
    Integer updateCount;
    List<Claimed> claimed = List.of();
    /** A pause this turn met: the rest of its claimed items wait too, without asking Evernote again. */
    Optional<Pause> pause = Optional.empty();
    final Set<Long> baselined = new HashSet<>();
    final List<WrittenNotes.Unmarked> unmarked = new ArrayList<>();
    long firstUnmarkedNanos;
}

package org.triggerhappy.camel.pipeline;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Serial per user, parallel across users, without parking threads: work for a user whose lane is busy is queued
 * on the lane and run by the thread already working there, so the submitting thread goes back to serve other
 * users at once. (A plain per-user lock made every delivery thread wait behind one user's backlog.)
 * Each turn (one thread draining one user's lane) gets a fresh state {@code T} shared by the items of that turn, and
 * is ended (its state handed to {@code endTurn}) before the lane is free again.
 */
final class UserLanes<T> {
    private final Map<Integer, Lane> lanes = new ConcurrentHashMap<>();
    private final Supplier<T> newTurn;
    private final Consumer<T> endTurn;

    /** The work of one item within a turn. */
    @FunctionalInterface
    interface TurnWork<T> {
        void accept(T turn, long item);
    }

    private static final class Lane {
        final Queue<Long> queue = new ConcurrentLinkedQueue<>();
        final AtomicBoolean busy = new AtomicBoolean();
    }

    UserLanes(Supplier<T> newTurn, Consumer<T> endTurn) {
        this.newTurn = newTurn;
        this.endTurn = endTurn;
    }

    /** Lanes without a turn state. */
    UserLanes() {
        this(() -> null, turn -> { });
    }

    void submit(int userId, long item, LongConsumer work) {
        submit(userId, item, (turn, id) -> work.accept(id));
    }

    void submit(int userId, long item, TurnWork<T> work) {
        Lane lane = lanes.computeIfAbsent(userId, u -> new Lane());
        lane.queue.add(item);
        // Whoever wins the flag drains the lane; re-check after releasing it so no item is stranded.
        while (!lane.queue.isEmpty() && lane.busy.compareAndSet(false, true)) {
            try {
                T turn = newTurn.get();
                try {
                    Long next;
                    while ((next = lane.queue.poll()) != null) {
                        work.accept(turn, next);
                    }
                } finally {
                    endTurn.accept(turn);
                }
            } finally {
                lane.busy.set(false);
            }
        }
    }
}

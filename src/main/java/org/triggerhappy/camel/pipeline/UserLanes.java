package org.triggerhappy.camel.pipeline;

import java.util.ArrayList;
import java.util.List;
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
 * Each turn (one thread draining one user's lane) gets a fresh state {@code T} shared by the items of that turn, takes
 * the lane's items up to {@code batch} at a time, and is ended (its state handed to {@code endTurn}) before the lane
 * is free again.
 */
final class UserLanes<T> {
    private final Map<Integer, Lane> lanes = new ConcurrentHashMap<>();
    private final Supplier<T> newTurn;
    private final Consumer<T> endTurn;
    private final int batch;

    /** The work of a few items of one lane within a turn, in the order they were submitted. */
    @FunctionalInterface
    interface TurnWork<T> {
        void accept(T turn, List<Long> items);
    }

    private static final class Lane {
        final Queue<Long> queue = new ConcurrentLinkedQueue<>();
        final AtomicBoolean busy = new AtomicBoolean();
    }

    UserLanes(Supplier<T> newTurn, Consumer<T> endTurn, int batch) {
        this.newTurn = newTurn;
        this.endTurn = endTurn;
        this.batch = batch;
    }

    /** Lanes without a turn state, one item at a time. */
    UserLanes() {
        this(() -> null, turn -> { }, 1);
    }

    void submit(int userId, long item, LongConsumer work) {
        submit(userId, item, (turn, items) -> items.forEach(work::accept));
    }

    /**
     * Queues the item on the user's lane and, unless another thread is draining that lane, drains it. Work that
     * submits to its own lane (an item put back) only queues: the running turn takes it.
     */
    void submit(int userId, long item, TurnWork<T> work) {
        Lane lane = lanes.computeIfAbsent(userId, u -> new Lane());
        lane.queue.add(item);
        // Whoever wins the flag drains the lane; re-check after releasing it so no item is stranded.
        while (!lane.queue.isEmpty() && lane.busy.compareAndSet(false, true)) {
            try {
                T turn = newTurn.get();
                try {
                    List<Long> next;
                    while (!(next = take(lane)).isEmpty()) {
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

    private List<Long> take(Lane lane) {
        List<Long> items = new ArrayList<>(Math.min(batch, 16));
        Long next;
        while (items.size() < batch && (next = lane.queue.poll()) != null) {
            items.add(next);
        }
        return items;
    }
}

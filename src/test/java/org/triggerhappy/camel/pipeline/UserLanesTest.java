package org.triggerhappy.camel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class UserLanesTest {

    @Test
    void one_user_at_a_time_many_users_at_once_and_nothing_left_behind() throws Exception {
        UserLanes<Void> lanes = new UserLanes<>();
        Map<Integer, AtomicInteger> running = new ConcurrentHashMap<>();
        AtomicInteger maxPerUser = new AtomicInteger();
        AtomicInteger concurrentUsers = new AtomicInteger();
        AtomicInteger maxUsers = new AtomicInteger();
        Set<Long> done = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        int users = 8;
        int perUser = 50;
        CountDownLatch start = new CountDownLatch(1);
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < perUser; i++) {
                int user = u;
                long item = u * 1000L + i;
                pool.submit(() -> {
                    start.await();
                    lanes.submit(user, item, id -> {
                        int here = running.computeIfAbsent(user, k -> new AtomicInteger()).incrementAndGet();
                        maxPerUser.accumulateAndGet(here, Math::max);
                        maxUsers.accumulateAndGet(concurrentUsers.incrementAndGet(), Math::max);
                        try {
                            Thread.sleep(1);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        concurrentUsers.decrementAndGet();
                        running.get(user).decrementAndGet();
                        done.add(id);
                    });
                    return null;
                });
            }
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(done).hasSize(users * perUser);
        assertThat(maxPerUser.get()).as("never two deliveries of one user at once").isEqualTo(1);
        assertThat(maxUsers.get()).as("users served in parallel").isGreaterThan(1);
    }
}

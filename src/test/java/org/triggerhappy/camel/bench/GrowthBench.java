package org.triggerhappy.camel.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.triggerhappy.camel.bench.PollBench.ServiceOutcome;
import org.triggerhappy.camel.testsupport.FakeEvernote;
import org.triggerhappy.camel.testsupport.TestDatabase;

/**
 * The growth scenario: the main scenario's three cycles (cold, steady, new items) at several sizes, each size on a
 * farm, database and Evernote of its own, each cycle a {@code run --once}, so that time, memory and PostgreSQL CPU per
 * trigger can be compared across sizes: they should not rise with the size (growth at most linear).
 */
final class GrowthBench {
    private static final Duration TIMEOUT = Duration.ofMinutes(60);

    private final BenchOptions o;
    private final ServiceStarter services;
    private final BenchTable table;
    private final List<String> notes;

    GrowthBench(BenchOptions o, ServiceStarter services, BenchTable table, List<String> notes) {
        this.o = o;
        this.services = services;
        this.table = table;
        this.notes = notes;
    }

    /** One size's three cycles; {@code pgMs}: CPU of the database's backends during each. */
    private record Size(int feeds, String xmx, ServiceOutcome cold, ServiceOutcome steady, ServiceOutcome fresh,
                        long[] pgMs, int notes) {
        List<ServiceOutcome> cycles() {
            return List.of(cold, steady, fresh);
        }

        double liveMb() {
            return cycles().stream().mapToDouble(s -> s.run().gc().maxLiveMb()).max().orElse(Double.NaN);
        }

        double peakMb() {
            return cycles().stream().mapToDouble(s -> s.run().gc().peakMb()).max().orElse(Double.NaN);
        }

        double rssMb() {
            return cycles().stream().mapToLong(s -> s.run().rssHwmKb()).max().orElse(0) / 1024.0;
        }

        boolean complete() {
            return cycles().stream().allMatch(s -> s.run().exitCode() == 0 && !s.outOfMemory()
                    && s.polled() == feeds && s.failures() == 0);
        }
    }

    void run() throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String s : o.string("growth-feeds").split("\\s*,\\s*")) {
            sizes.add(Integer.parseInt(s.replace("_", "")));
        }
        List<Size> measured = new ArrayList<>();
        for (int n : sizes) {
            measured.add(measure(n));
        }
        report(measured);
    }

    private String xmx(int n) {
        return n > 10_000 ? o.string("growth-big-xmx") : o.string("xmx");
    }

    private Size measure(int n) throws Exception {
        int conc = o.integer("concurrency");
        int users = Math.min(o.integer("users"), n);
        int newItems = Math.max(1, o.integer("growth-new"));
        String xmx = xmx(n);
        PollBench.log(String.format(Locale.ROOT, "growth: %d feeds × %d items, %d users, -Xmx%s", n,
                o.integer("items"), users, xmx));
        try (FeedFarm farm = new FeedFarm(n, o.integer("items"), Duration.ZERO, Math.max(32, 4 * conc));
             FakeEvernote evernote = new FakeEvernote(Duration.ZERO, 64)) {
            PollBench.warmUp(farm, 2_000);
            // The first poll delivers nothing (every item is older than the triggers' last run), as in main.
            TestDatabase.Db db = BenchSeeder.seed(users, n, farm, n, farm.created().minusSeconds(30), evernote,
                    "tok-growth" + n + "-");
            long[] pgMs = new long[3];
            ServiceOutcome[] s = new ServiceOutcome[3];
            int written;
            try (PgBackendCpu pg = new PgBackendCpu(PollBench.dbName(db))) {
                String[] names = {"cold", "steady", "new"};
                for (int c = 0; c < 3; c++) {
                    if (c == 2) {
                        farm.addItems(newItems);
                    }
                    long before = pg.ticks();
                    String label = "growth-" + n + "-" + names[c];
                    s[c] = ServiceOutcome.of(services.start(label, db, farm, evernote, conc, xmx, java.util.Map.of(),
                            List.of("run", "--once")).await(TIMEOUT));
                    pgMs[c] = (pg.ticks() - before) * 1000 / JvmRun.CLOCK_TICKS;
                    PollBench.log(label + ": " + s[c].summary() + " pg_cpu_ms=" + pgMs[c]);
                }
                written = s[2].notesWritten();
            }
            return new Size(n, xmx, s[0], s[1], s[2], pgMs, written);
        }
    }

    private void report(List<Size> sizes) {
        Size small = sizes.get(0);
        Size big = sizes.get(sizes.size() - 1);
        StringBuilder m = new StringBuilder(String.format(Locale.ROOT, "growth: %s triggers (%d users), %d items"
                        + " per feed, TH_FETCH_CONCURRENCY=%d, farm and Evernote latency 0, one `run --once` per cycle;"
                        + " new-items cycle: %d new item(s) per feed, one note each",
                String.join(" / ", sizes.stream().map(z -> String.format(Locale.ROOT, "%,d", z.feeds)).toList()),
                o.integer("users"), o.integer("items"), o.integer("concurrency"), Math.max(1, o.integer("growth-new"))));
        m.append(String.format(Locale.ROOT, "%n  %-9s %-6s %-17s %-17s %-17s %-16s %-13s %-13s %-13s %-16s%n",
                "triggers", "-Xmx", "cold s (ms/feed)", "steady s (ms/fd)", "new s (ms/feed)", "new: wall s/notes",
                "heap aft. GC", "peak heap MB", "RSS MB", "PG CPU s c/s/n"));
        for (Size z : sizes) {
            m.append(String.format(Locale.ROOT, "  %-9s %-6s %-17s %-17s %-17s %-16s %-13s %-13s %-13s %-16s%n",
                    String.format(Locale.ROOT, "%,d", z.feeds), z.xmx, perFeed(z.cold.cycleMs(), z.feeds),
                    perFeed(z.steady.cycleMs(), z.feeds), perFeed(z.fresh.cycleMs(), z.feeds),
                    PollBench.sec(z.fresh.run().wallMs()) + " / " + z.notes,
                    BenchTable.num(z.liveMb(), 0) + " MB", BenchTable.num(z.peakMb(), 0),
                    BenchTable.num(z.rssMb(), 0), PollBench.sec(z.pgMs[0]) + "/" + PollBench.sec(z.pgMs[1]) + "/"
                            + PollBench.sec(z.pgMs[2])));
        }
        table.section(m.toString().stripTrailing());
        String vs = String.format(Locale.ROOT, "%,d vs %,d", big.feeds, small.feeds);
        linear("cold cycle, ms per feed: " + vs, sizes, z -> z.cold.cycleMs(), 1);
        linear("steady cycle, ms per feed: " + vs, sizes, z -> z.steady.cycleMs(), 1);
        linear("new-items cycle, ms per feed: " + vs, sizes, z -> z.fresh.cycleMs(), 1);
        linear("new-items run --once (notes delivered), ms per feed: " + vs, sizes,
                z -> z.fresh.run().wallMs(), 1);
        linear("heap after GC, KB per trigger: " + vs, sizes, Size::liveMb, 1024);
        linear("RSS, KB per trigger: " + vs, sizes, Size::rssMb, 1024);
        linear("PostgreSQL CPU (3 cycles), ms per feed: " + vs, sizes, z -> z.pgMs[0] + z.pgMs[1] + z.pgMs[2], 1);
        if (sizes.size() >= 3) {
            Size mid = sizes.get(sizes.size() - 2);
            table.info(String.format(Locale.ROOT, "  cost per added feed, %,d→%,d vs %,d→%,d: cold / steady / new",
                            mid.feeds, big.feeds, small.feeds, mid.feeds),
                    marginal(small, mid, big, z -> z.cold.cycleMs()) + " / "
                            + marginal(small, mid, big, z -> z.steady.cycleMs()) + " / "
                            + marginal(small, mid, big, z -> z.fresh.cycleMs()), "");
        }
        for (Size z : sizes) {
            if (z.feeds > 10_000 || z == big) {
                table.row(String.format(Locale.ROOT, "%,d triggers in -Xmx%s (all polled, no OOM)", z.feeds, z.xmx),
                        z.complete() ? "yes" : "NO", "", "", "every cycle completes", z.complete());
            }
            if (!z.complete()) {
                z.cycles().forEach(s -> notes.add("growth: " + s.run().label() + ": exit " + s.run().exitCode()
                        + ", polled " + s.polled() + ", failures " + s.failures()
                        + (s.outOfMemory() ? ", OutOfMemoryError" : "")));
            }
        }
    }

    /**
     * A pass/fail row: the figure per feed at the largest size (service column) over the same at the smallest (floor
     * column); {@code scale} turns the figure into the unit shown per feed. At most linear growth means at most 1;
     * the target leaves a fifth for the noise of a shared machine.
     */
    private void linear(String figure, List<Size> sizes, ToDoubleFunction<Size> value, double scale) {
        Size small = sizes.get(0);
        Size big = sizes.get(sizes.size() - 1);
        double a = value.applyAsDouble(small) * scale / small.feeds;
        double b = value.applyAsDouble(big) * scale / big.feeds;
        double ratio = a <= 0 || b < 0 ? Double.NaN : b / a;
        table.row(figure, BenchTable.num(b, 3), BenchTable.num(a, 3), BenchTable.ratio(ratio), "≤ 1.2× (linear)",
                sizes.size() < 2 ? null : ratio <= 1.2);
    }

    /** (cost per feed added from mid to big) / (from small to mid): above 1, each feed costs more as there are more. */
    private static String marginal(Size small, Size mid, Size big, ToDoubleFunction<Size> value) {
        double lower = (value.applyAsDouble(mid) - value.applyAsDouble(small)) / (mid.feeds - small.feeds);
        double upper = (value.applyAsDouble(big) - value.applyAsDouble(mid)) / (big.feeds - mid.feeds);
        return lower <= 0 ? "n/a" : BenchTable.ratio(upper / lower);
    }

    private static String perFeed(long ms, int feeds) {
        return ms < 0 ? "n/a" : PollBench.sec(ms) + " (" + BenchTable.num(ms / (double) feeds, 2) + ")";
    }
}

package org.triggerhappy.camel.bench;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark's options: {@code --name value} arguments, else environment {@code BENCH_NAME} (dashes become
 * underscores), else the defaults, which are the targets ({@code --quick}: a smaller run under a minute).
 */
final class BenchOptions {
    static final String HELP = String.join("\n",
            "usage: bench/run [--quick] [--scenarios main,daemon,growth,notes,two,articles,startup,profile,extraction,tables] [--name value]...",
            "  --feeds N               feeds = triggers in the main scenario (10000; quick 500)",
            "  --items K               items per feed document (10)",
            "  --users U               users owning the main scenario's triggers (100)",
            "  --concurrency C         TH_FETCH_CONCURRENCY of the service = threads of the floor (16)",
            "  --farm-latency MS       feed farm latency per request in the main scenario (0)",
            "  --evernote-latency MS   Evernote latency per call in the main scenario (0)",
            "  --floor-healer 0|1      main: also time the floor with ROME's default XML healer (1; quick 0)",
            "  --cold-new C            items per feed the first poll delivers as notes (0)",
            "  --new-items M           items added to every feed for the third cycle, 0 = no third cycle (1; quick 0)",
            "  --repeat R              main: R rounds of floor + service cold/steady, best of each kept (1)",
            "  --xmx SIZE              heap of the service and floor JVMs (256m)",
            "  --notes-users U         users of the notes scenario, one feed each (100)",
            "  --notes-latency MS      Evernote latency of the notes scenario (50)",
            "  --notes-per-user P      new entries per user in the notes scenario (20; quick 2)",
            "  --notes-wide 0|1        notes: also run with TH_DELIVERY_CONCURRENCY = users, for reference (0)",
            "  --notes-batches B       notes: batches of P notes per user written by one running service (3)",
            "  --notes-profile 0|1     notes: record the service under JFR, hot spots in profile-notes.txt (0)",
            "  --delivery-concurrency D  TH_DELIVERY_CONCURRENCY for the service (unset: the service default)",
            "  --articles-feeds U      teaser feeds = users of the articles scenario (50; quick 10)",
            "  --articles-per-feed P   new entries per feed and batch in the articles scenario (10; quick 3)",
            "  --articles-batches B    articles: batches written by one running service (3; quick 2)",
            "  --articles-latency MS   Evernote latency of the articles scenario (0)",
            "  --daemon-cycles S       daemon: steady cycles of the running service over --feeds triggers = floor passes (8; quick 2)",
            "  --growth-feeds N,N,…    growth: sizes, each with its own farm and database (1000,10000,50000; quick 200,1000)",
            "  --growth-big-xmx SIZE   growth: heap of the service for sizes above 10,000 feeds (512m; --xmx below)",
            "  --growth-new M          growth: new items per feed for the new-items cycle (1)",
            "  --two-feeds M           feeds of the two-instances scenario (500; quick 100)",
            "  --two-latency MS        feed latency of the two-instances scenario (200)",
            "  --two-concurrency C     TH_FETCH_CONCURRENCY of each instance (8)",
            "  --two-new P             two: new entries per feed that the first poll turns into notes (1)",
            "  --two-more K,K          two: also run K instances once, to see what limits more (3,4; \"\" for none)",
            "  --two-mode run|once     two: instances are running services (run) or run --once processes (default: run)",
            "  --tables-feeds F        tables: feeds of the simulated fleet (1000; quick 100); figures also scaled to 10,000",
            "  --tables-per-day P      tables: new entries per feed and day (10)",
            "  --tables-days D         tables: simulated days (365; quick 60)",
            "  --tables-retention R    tables: TH_LEDGER_RETENTION in days (180; quick 20)",
            "  --tables-window W       tables: entries in a feed document (30)",
            "  --startup-repeat R      startup: runs of the floor, the service and the service without AppCDS; medians (5; quick 3)",
            "  --cds 0|1               run the service with an AppCDS archive of its jar, made by a training run first (1)",
            "  --jvm-args \"OPTS\"       extra JVM options for the service and the floor JVMs alike (none)",
            "  --keep-db 0|1           keep the databases the benchmark made (0: dropped at the end)",
            "  --db-settings \"N=V …\"  PostgreSQL settings of the seeded databases, e.g. \"log_statement=all",
            "                          log_statement_stats=on\" to log each statement with its CPU (none)",
            "  --out DIR               logs, GC logs, JFR recordings, results.txt (target/bench)",
            "  --profile               add the profile scenario (a cold cycle under JFR)",
            "Every option can also be given as environment BENCH_<NAME>, e.g. BENCH_FEEDS=2000.");

    private static final Map<String, String> FULL = Map.ofEntries(
            Map.entry("feeds", "10000"), Map.entry("items", "10"), Map.entry("users", "100"),
            Map.entry("concurrency", "16"), Map.entry("farm-latency", "0"), Map.entry("evernote-latency", "0"),
            Map.entry("cold-new", "0"), Map.entry("new-items", "1"), Map.entry("xmx", "256m"),
            Map.entry("notes-users", "100"), Map.entry("notes-latency", "50"), Map.entry("notes-per-user", "20"),
            Map.entry("notes-profile", "0"), Map.entry("notes-batches", "3"),
            Map.entry("delivery-concurrency", ""), Map.entry("two-feeds", "500"), Map.entry("two-latency", "200"),
            Map.entry("two-new", "1"), Map.entry("two-more", "3,4"), Map.entry("two-mode", "run"), Map.entry("daemon-cycles", "8"),
            Map.entry("growth-feeds", "1000,10000,50000"), Map.entry("growth-big-xmx", "512m"),
            Map.entry("growth-new", "1"),
            Map.entry("two-concurrency", "8"), Map.entry("out", "target/bench"),
            Map.entry("repeat", "1"), Map.entry("floor-healer", "1"), Map.entry("notes-wide", "0"), Map.entry("keep-db", "0"), Map.entry("db-settings", ""), Map.entry("jvm-args", ""),
            Map.entry("articles-feeds", "50"), Map.entry("articles-per-feed", "10"),
            Map.entry("articles-batches", "3"), Map.entry("articles-latency", "0"),
            Map.entry("tables-feeds", "1000"), Map.entry("tables-per-day", "10"), Map.entry("tables-days", "365"),
            Map.entry("tables-retention", "180"), Map.entry("tables-window", "30"),
            Map.entry("startup-repeat", "5"), Map.entry("cds", "1"),
            Map.entry("scenarios", "main,daemon,notes,two,articles,startup,growth"));
    private static final Map<String, String> QUICK = Map.ofEntries(
            Map.entry("feeds", "500"), Map.entry("notes-per-user", "2"), Map.entry("two-feeds", "100"),
            Map.entry("floor-healer", "0"), Map.entry("notes-wide", "0"), Map.entry("new-items", "0"),
            Map.entry("articles-feeds", "10"), Map.entry("articles-per-feed", "3"),
            Map.entry("articles-batches", "2"), Map.entry("tables-feeds", "100"), Map.entry("tables-days", "60"),
            Map.entry("tables-retention", "20"), Map.entry("startup-repeat", "3"),
            Map.entry("daemon-cycles", "2"), Map.entry("growth-feeds", "200,1000"));

    private final Map<String, String> values;
    final boolean quick;

    private BenchOptions(Map<String, String> values, boolean quick) {
        this.values = values;
        this.quick = quick;
    }

    static BenchOptions parse(String[] args, Map<String, String> env) {
        Map<String, String> given = new HashMap<>();
        boolean quick = "true".equals(env.get("BENCH_QUICK"));
        boolean profile = "true".equals(env.get("BENCH_PROFILE"));
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--quick")) {
                quick = true;
            } else if (a.equals("--profile")) {
                profile = true;
            } else if (a.equals("--help") || a.equals("-h")) {
                throw new IllegalArgumentException(HELP);
            } else if (a.startsWith("--") && FULL.containsKey(a.substring(2)) && i + 1 < args.length) {
                given.put(a.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument " + a + "\n" + HELP);
            }
        }
        Map<String, String> v = new HashMap<>(FULL);
        if (quick) {
            v.putAll(QUICK);
        }
        for (String k : FULL.keySet()) {
            String e = env.get("BENCH_" + k.toUpperCase(Locale.ROOT).replace('-', '_'));
            if (e != null && !e.isBlank()) {
                v.put(k, e);
            }
        }
        v.putAll(given);
        if (profile) {
            v.put("scenarios", v.get("scenarios") + ",profile");
        }
        return new BenchOptions(v, quick);
    }

    int integer(String name) {
        return Integer.parseInt(values.get(name).trim());
    }

    String string(String name) {
        return values.get(name).trim();
    }

    Set<String> scenarios() {
        return new LinkedHashSet<>(List.of(string("scenarios").split("\\s*,\\s*")));
    }

    String describe() {
        StringBuilder b = new StringBuilder();
        FULL.keySet().stream().sorted().forEach(k -> b.append(k).append('=').append(values.get(k)).append(' '));
        return (quick ? "--quick " : "") + b.toString().trim();
    }
}

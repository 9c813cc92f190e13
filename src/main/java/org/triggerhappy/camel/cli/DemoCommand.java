package org.triggerhappy.camel.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.triggerhappy.camel.config.ConfigSource;
import org.triggerhappy.camel.config.Settings;
import org.triggerhappy.camel.demo.DemoFeedServer;
import org.triggerhappy.camel.notes.EnexWriter;
import org.triggerhappy.camel.persistence.Database;
import org.triggerhappy.camel.persistence.Migrations;
import org.triggerhappy.camel.persistence.RssFeedRepository;
import org.triggerhappy.camel.persistence.TriggerQueries;
import org.triggerhappy.camel.persistence.TriggerRepository;
import org.triggerhappy.camel.persistence.UserRepository;
import org.triggerhappy.camel.persistence.UserServiceRepository;
import org.triggerhappy.camel.service.OnceSummary;
import org.triggerhappy.camel.service.ServiceRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Shows the whole pipeline offline: seeds a demo user and trigger whose feed this jar serves on"
                + " 127.0.0.1, runs one cycle with the ENEX sink, and prints where the notes are.",
                "Uses TH_DB_URL when set, else the embedded PostgreSQL under TH_DATA_DIR (default ./data)."})
final class DemoCommand implements Callable<Integer> {
    static final String DEMO_USER = "demo";

    /** Read by {@link LogLevels} before logging starts; declared here so the command accepts and documents it. */
    @Option(names = LogLevels.VERBOSE, description = "Also log Camel's start and stop and every trigger's poll.")
    boolean verbose;


    @Override
    public Integer call() throws Exception {
        Instant now = Instant.now();
        try (DemoFeedServer feed = DemoFeedServer.start(now)) {
            Map<String, String> overrides = new HashMap<>();
            overrides.put("th.sink", "enex");
            // The demo feed lives on loopback: allow exactly that address and port, nothing else private.
            overrides.put("th.allow.private.networks", feed.hostPort());
            Settings settings = Settings.load(ConfigSource.standard(overrides));
            Database db = ServiceRuntime.openDatabase(settings, false);
            OnceSummary summary;
            try (ServiceRuntime runtime = ServiceRuntime.create(settings, seed(db, feed.feedUrl(), now), false)) {
                summary = runtime.runOnce(Duration.ofMinutes(2));
            }
            System.out.println(summary.line());
            report(settings.enexDir());
        }
        return 0;
    }

    /** The demo user and trigger, created on the first run; later runs only point the trigger at the new port. */
    private static Database seed(Database db, String feedUrl, Instant now) {
        try {
            Migrations.migrate(db.dataSource());
            new UserServiceRepository(db.dataSource()).ensureServices();
            UserRepository users = new UserRepository(db.dataSource());
            Integer userId = users.userId(DEMO_USER).orElse(null);
            if (userId == null) {
                userId = users.addUser(DEMO_USER, "demo@example.invalid");
                // Created "yesterday" so that every entry of the demo feed falls in the first-poll window.
                new TriggerRepository(db.dataSource()).add(userId, "TriggerHappy Camel demo", feedUrl,
                        "TriggerHappy Demo", "demo, rss",
                        LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(1));
            } else {
                new TriggerQueries(db.dataSource()).triggerIdsOf(userId)
                        .forEach(id -> new RssFeedRepository(db.dataSource()).setUrl(id, feedUrl));
            }
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private static void report(Path enexDir) throws Exception {
        if (!Files.isDirectory(enexDir)) {
            System.out.println("no notes were written");
            return;
        }
        try (Stream<Path> files = Files.list(enexDir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".enex")).sorted().toList()) {
                List<String> titles = EnexWriter.titlesIn(f);
                System.out.println("notes in " + f + " (" + titles.size() + ", import it into Evernote with File > Import):");
                titles.forEach(t -> System.out.println("  - " + t));
            }
        }
    }
}

package org.triggerhappy.camel.service;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The route files of TH_ROUTES_DIR: loaded before the context starts, then looked at every {@link #SCAN_EVERY}. A
 * file is (re)loaded once its size and time stop changing between two looks, so one saved in place (an editor,
 * {@code cat > file}) is read when complete; if it still fails to parse while it changed less than {@link #SETTLE}
 * ago, it is tried again once the writes settle. A file with a real error gets one WARN line (file, line, reason)
 * per version; the other routes keep running. A file removed takes its routes with it.
 */
final class RouteFilesWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RouteFilesWatcher.class);
    static final Duration SCAN_EVERY = Duration.ofSeconds(1);
    static final Duration SETTLE = Duration.ofSeconds(3);

    private final Path dir;
    private final RouteFileLoader loader;
    private final Map<Path, Stamp> seen = new HashMap<>();
    private final Map<Path, Stamp> handled = new HashMap<>();
    private ScheduledExecutorService timer;
    private boolean listFailing;

    private record Stamp(long size, long modifiedMillis) {
    }

    RouteFilesWatcher(CamelContext context, Path dir) {
        this.dir = dir;
        this.loader = new RouteFileLoader(context);
    }

    /** Loads the folder's files when {@code main} has configured its context, and watches it while it runs. */
    static void install(Main main, Path dir) {
        main.addMainListener(new MainListenerSupport() {
            private RouteFilesWatcher watcher;

            @Override
            public void afterConfigure(BaseMainSupport m) {
                watcher = new RouteFilesWatcher(m.getCamelContext(), dir);
                watcher.scan(true);
            }

            @Override
            public void afterStart(BaseMainSupport m) {
                watcher.start();
            }

            @Override
            public void beforeStop(BaseMainSupport m) {
                watcher.close();
            }
        });
    }

    void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "th-route-files");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> scan(false), SCAN_EVERY.toMillis(), SCAN_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** One look at the folder; {@code first}: load every file as it is now (before the context starts). */
    synchronized void scan(boolean first) {
        Map<Path, Stamp> now = list();
        for (Map.Entry<Path, Stamp> e : now.entrySet()) {
            Path file = e.getKey();
            Stamp stamp = e.getValue();
            Stamp before = seen.put(file, stamp);
            boolean steady = first || stamp.equals(before);
            if (steady && !stamp.equals(handled.get(file))) {
                load(file, stamp);
            }
        }
        for (Path gone : new HashSet<>(seen.keySet())) {
            if (!now.containsKey(gone)) {
                seen.remove(gone);
                handled.remove(gone);
                Set<String> removed = loader.unload(gone);
                LOG.info("route file removed file={} routes_removed={}", gone, removed);
            }
        }
    }

    private void load(Path file, Stamp stamp) {
        try {
            Set<String> routes = loader.load(file);
            handled.put(file, stamp);
            LOG.info("route file loaded file={} routes={}", file, routes);
        } catch (RouteFileLoader.RouteFileException e) {
            if (System.currentTimeMillis() - stamp.modifiedMillis() < SETTLE.toMillis()) {
                // Probably still being written: look again on the next scans.
                LOG.debug("route file not complete yet file={} reason=\"{}\"", file, e.reason());
                return;
            }
            handled.put(file, stamp);
            LOG.warn("route file not loaded file={} line={} reason=\"{}\" (the other routes keep running)", file,
                    e.line() > 0 ? Integer.toString(e.line()) : "?", e.reason());
        } catch (RuntimeException e) {
            handled.put(file, stamp);
            LOG.warn("route file not loaded file={} line=? reason=\"{}\" (the other routes keep running)", file,
                    e.getMessage());
        }
    }

    private Map<Path, Stamp> list() {
        Map<Path, Stamp> files = new HashMap<>();
        // Editors' lock and backup files (.#x.xml, x.xml~, .x.xml.swp) are not route files.
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "[!.]*.xml")) {
            for (Path p : ds) {
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    if (a.isRegularFile()) {
                        files.put(p, new Stamp(a.size(), a.lastModifiedTime().toMillis()));
                    }
                } catch (IOException e) {
                    // gone between listing and reading: the next scan sees it go
                }
            }
        } catch (IOException e) {
            if (!listFailing) {
                listFailing = true;
                LOG.warn("cannot list the routes folder dir={} error=\"{}\"; its routes stay as they are", dir,
                        e.toString());
            }
            return new HashMap<>(seen);
        }
        listFailing = false;
        return files;
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}

package org.triggerhappy.camel.pipeline;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who holds an outbox lease ({@code thc_outbox.claimed_by}): this runtime's process id, host, PID namespace, process
 * start and a per-runtime nonce. After a crash the leases of the dead process would block its notes until they run
 * out; with this, a restart on the same machine sees for certain that the holder is gone and resumes them at once.
 * Anything less than certain (another host or container, an unknown format) waits for the lease to run out.
 */
public final class LeaseHolder {
    private static final Pattern FORMAT = Pattern.compile("(\\d+)@(\\S*) pidns=(\\S*) start=(\\d+) run=(\\S+)");
    /** ProcessHandle start instants are derived from clock ticks: allow for rounding. */
    private static final long START_TOLERANCE_MILLIS = 1000;

    private final long pid;
    private final String host;
    private final String pidNamespace;
    private final long startMillis;
    private final String text;

    private LeaseHolder(long pid, String host, String pidNamespace, long startMillis, String run) {
        this.pid = pid;
        this.host = host;
        this.pidNamespace = pidNamespace;
        this.startMillis = startMillis;
        this.text = pid + "@" + host + " pidns=" + pidNamespace + " start=" + startMillis + " run=" + run;
    }

    /** A new holder for a runtime of this process (each runtime gets its own nonce). */
    public static LeaseHolder forThisProcess() {
        ProcessHandle self = ProcessHandle.current();
        return new LeaseHolder(self.pid(), host(), pidNamespace(),
                self.info().startInstant().map(Instant::toEpochMilli).orElse(0L),
                UUID.randomUUID().toString().substring(0, 8));
    }

    /** The value stored in claimed_by. */
    @Override
    public String toString() {
        return text;
    }

    /**
     * Whether the process that wrote {@code claimedBy} has certainly ended: it ran on this machine, in this PID
     * namespace, and no process with its id and start time exists any more.
     */
    public boolean provesDead(String claimedBy) {
        Optional<LeaseHolder> other = parse(claimedBy);
        if (other.isEmpty() || pidNamespace.isEmpty()) {
            return false;
        }
        LeaseHolder o = other.get();
        if (!o.host.equals(host) || !o.pidNamespace.equals(pidNamespace)) {
            return false;
        }
        if (o.pid == pid) {
            // This process, unless an earlier one had the same id (a restarted container's pid 1).
            return startedOtherwise(o.startMillis, startMillis);
        }
        Optional<ProcessHandle> process = ProcessHandle.of(o.pid);
        if (process.isEmpty()) {
            return true;
        }
        // The id was reused by a later process: the holder is gone too.
        return process.get().info().startInstant()
                .map(started -> startedOtherwise(o.startMillis, started.toEpochMilli())).orElse(false);
    }

    private static boolean startedOtherwise(long a, long b) {
        return a > 0 && b > 0 && Math.abs(a - b) > START_TOLERANCE_MILLIS;
    }

    static Optional<LeaseHolder> parse(String claimedBy) {
        if (claimedBy == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(claimedBy);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LeaseHolder(Long.parseLong(m.group(1)), m.group(2), m.group(3),
                    Long.parseLong(m.group(4)), m.group(5)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String host() {
        String name = ManagementFactory.getRuntimeMXBean().getName(); // pid@hostname on HotSpot
        int at = name.indexOf('@');
        return (at < 0 ? "" : name.substring(at + 1)).replaceAll("\\s", "_");
    }

    /** Linux names each PID namespace (pid:[4026531836]); elsewhere empty, and no holder is ever proven dead. */
    private static String pidNamespace() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString().replaceAll("\\s", "_");
        } catch (Exception e) {
            return "";
        }
    }
}

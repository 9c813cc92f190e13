package org.triggerhappy.camel.pipeline;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who holds a lease ({@code thc_outbox.claimed_by}, {@code thc_feed_state.claimed_by}): this runtime's process id,
 * host, the machine's boot id ({@code /proc/sys/kernel/random/boot_id}) and machine id ({@code /etc/machine-id},
 * when present), PID namespace, process start and a per-runtime nonce. After a crash the leases of the dead process
 * would block its work until they run out; with this, an instance on the same machine (same host name, same boot,
 * same PID namespace) sees for certain that the holder is gone and releases them at once. Two hosts or containers
 * with one host name differ by boot id and are never taken for each other. Anything less than certain waits for the
 * holder's heartbeat ({@link DeadHolders}) or its lease to run out.
 */
public final class LeaseHolder {
    // Holders written before boot and machine ids were recorded have neither: never proven dead by the process check.
    private static final Pattern FORMAT = Pattern.compile(
            "(\\d+)@(\\S*)(?: boot=(\\S*) machine=(\\S*))? pidns=(\\S*) start=(\\d+) run=(\\S+)");
    /** ProcessHandle start instants are derived from clock ticks: allow for rounding. */
    private static final long START_TOLERANCE_MILLIS = 1000;

    private final long pid;
    private final String host;
    private final String bootId;
    private final String machineId;
    private final String pidNamespace;
    private final long startMillis;
    private final String text;

    private LeaseHolder(long pid, String host, String bootId, String machineId, String pidNamespace,
                        long startMillis, String run) {
        this.pid = pid;
        this.host = host;
        this.bootId = bootId;
        this.machineId = machineId;
        this.pidNamespace = pidNamespace;
        this.startMillis = startMillis;
        this.text = pid + "@" + host + " boot=" + bootId + " machine=" + machineId + " pidns=" + pidNamespace
                + " start=" + startMillis + " run=" + run;
    }

    /** A new holder for a runtime of this process (each runtime gets its own nonce). */
    public static LeaseHolder forThisProcess() {
        ProcessHandle self = ProcessHandle.current();
        return new LeaseHolder(self.pid(), hostName(), firstLine("/proc/sys/kernel/random/boot_id"),
                firstLine("/etc/machine-id"), pidNamespace(),
                self.info().startInstant().map(Instant::toEpochMilli).orElse(0L),
                UUID.randomUUID().toString().substring(0, 8));
    }

    /** The value stored in claimed_by. */
    @Override
    public String toString() {
        return text;
    }

    public long pid() {
        return pid;
    }

    public String host() {
        return host;
    }

    /** The kernel's boot id, empty where there is none (not Linux). */
    public String bootId() {
        return bootId;
    }

    /** /etc/machine-id, empty where absent (many containers). */
    public String machineId() {
        return machineId;
    }

    /**
     * Whether the process that wrote {@code claimedBy} has certainly ended: it ran on this machine (same host name
     * and boot id, and the same machine id where both have one), in this PID namespace, and no process with its id
     * and start time exists any more.
     */
    public boolean provesDead(String claimedBy) {
        Optional<LeaseHolder> other = parse(claimedBy);
        if (other.isEmpty() || pidNamespace.isEmpty() || bootId.isEmpty()) {
            return false;
        }
        LeaseHolder o = other.get();
        boolean machineIdsDiffer = !machineId.isEmpty() && !o.machineId.isEmpty() && !o.machineId.equals(machineId);
        if (!o.host.equals(host) || !o.bootId.equals(bootId) || machineIdsDiffer
                || !o.pidNamespace.equals(pidNamespace)) {
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
            return Optional.of(new LeaseHolder(Long.parseLong(m.group(1)), m.group(2), nonNull(m.group(3)),
                    nonNull(m.group(4)), m.group(5), Long.parseLong(m.group(6)), m.group(7)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    /** The first line of a small system file, without blanks; empty when it cannot be read. */
    private static String firstLine(String path) {
        try {
            List<String> lines = Files.readAllLines(Path.of(path));
            return lines.isEmpty() ? "" : lines.get(0).replaceAll("\\s", "");
        } catch (Exception e) {
            return "";
        }
    }

    private static String hostName() {
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

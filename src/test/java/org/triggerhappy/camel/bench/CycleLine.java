package org.triggerhappy.camel.bench;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One {@code poll cycle done …} line of a service's log (pipeline/PollCycle), with the time it was logged. */
record CycleLine(long cycle, int polled, int notModified, int failures, int newEntries, long durationMs,
                 long endEpochMs) {
    private static final Pattern FIELDS = Pattern.compile("poll cycle done cycle=(\\d+) triggers_polled=(\\d+)"
            + " not_modified=(\\d+) failures=(\\d+) new_entries=(\\d+).* duration_ms=(\\d+)");

    /** Every cycle line in a log, in order. */
    static List<CycleLine> all(String log) {
        List<CycleLine> lines = new ArrayList<>();
        for (String line : log.split("\n")) {
            Matcher m = FIELDS.matcher(line);
            if (!m.find()) {
                continue;
            }
            long end;
            try {
                end = OffsetDateTime.parse(line.substring(0, line.indexOf(' '))).toInstant().toEpochMilli();
            } catch (RuntimeException e) {
                end = -1;
            }
            lines.add(new CycleLine(Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    Long.parseLong(m.group(6)), end));
        }
        return lines;
    }

    /** Every trigger polled, every one answered 304, none failed. */
    boolean steady(int triggers) {
        return polled == triggers && notModified == triggers && failures == 0;
    }
}

package org.triggerhappy.camel.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The UTC time in the names of the files and folders the commands write: sortable, and valid on every file system. */
final class FileStamps {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private FileStamps() {
    }

    static String of(Instant t) {
        return STAMP.format(t);
    }
}

package org.triggerhappy.camel.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The service's AppCDS archive in the benchmark, made as a user's first run makes it (dist/triggerhappy-camel):
 * one run with {@code -XX:ArchiveClassesAtExit}, every later one with {@code -XX:SharedArchiveFile}, both with the
 * archive's checksums. Java 17 keeps classes of jars only in such an archive, so it exists only when the service
 * runs from its jar; and it is left out under a flight recording started with the JVM (OpenJDK 17 can crash
 * loading an archived class then).
 */
final class AppCds {
    private final Path archive;
    private final boolean enabled;
    private boolean trained;

    AppCds(Path archive, boolean enabled) {
        this.archive = archive;
        this.enabled = enabled;
    }

    boolean enabled() {
        return enabled;
    }

    /** Trained, and the training run left an archive. */
    boolean ready() {
        return trained && Files.isRegularFile(archive);
    }

    Path archive() {
        return archive;
    }

    /** For the training run: an archive of every class it loaded, written when it exits. */
    List<String> trainingArgs() {
        try {
            Files.deleteIfExists(archive);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.of("-XX:+VerifySharedSpaces", "-XX:ArchiveClassesAtExit=" + archive);
    }

    void trained() {
        trained = true;
    }

    /** For every other service run: the archive, when there is one. */
    List<String> jvmArgs() {
        return ready() ? List.of("-XX:+VerifySharedSpaces", "-XX:SharedArchiveFile=" + archive) : List.of();
    }

    String describe() {
        try {
            return Files.isRegularFile(archive) ? "archive " + archive + " " + Files.size(archive) / (1024 * 1024) + " MB"
                    : "no archive";
        } catch (IOException e) {
            return "archive unreadable: " + e.getMessage();
        }
    }
}

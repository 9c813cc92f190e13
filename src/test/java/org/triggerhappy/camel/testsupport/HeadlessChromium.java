package org.triggerhappy.camel.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's chromium driven from the command line in headless mode: the DOM after the page loaded
 * ({@code --dump-dom}) and a screenshot. Missing chromium is a failure, not a skip: .ci/run installs it.
 */
public final class HeadlessChromium {
    private final Path binary;
    private final Path work;

    public HeadlessChromium(Path work) {
        this.binary = find();
        this.work = work;
    }

    private static Path find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        throw new AssertionError("chromium is not installed: the browser tests need Debian's chromium"
                + " (bash .ci/run installs it, or: apt-get install -y chromium chromium-driver)");
    }

    public String dumpDom(String url) throws IOException, InterruptedException {
        return new String(run(List.of("--dump-dom", url)), StandardCharsets.UTF_8);
    }

    public Path screenshot(String url, int width, int height) throws IOException, InterruptedException {
        return screenshot(url, width, height, "status-page.png");
    }

    /** A PNG of the page in a window of this size, written to {@code name} in the work folder. */
    public Path screenshot(String url, int width, int height, String name) throws IOException, InterruptedException {
        Path png = work.resolve(name);
        run(List.of("--screenshot=" + png, "--window-size=" + width + "," + height, "--hide-scrollbars", url));
        return png;
    }

    private byte[] run(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--no-default-browser-check",
                "--user-data-dir=" + Files.createTempDirectory(work, "profile")));
        cmd.addAll(args);
        Path out = Files.createTempFile(work, "stdout", ".txt");
        Path err = Files.createTempFile(work, "stderr", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 90 s: " + Files.readString(err));
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("chromium exited with " + p.exitValue() + ": " + Files.readString(err));
        }
        return Files.readAllBytes(out);
    }
}

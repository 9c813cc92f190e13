package org.triggerhappy.camel.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Copies what the service logs (logback's console appender writes to whatever System.err is at the time) so a test can check that
 * an operator would see a clear line; the output still reaches the test report.
 */
public final class LogCapture implements AutoCloseable {
    private final PrintStream original = System.err;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

    public LogCapture() {
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                copy.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                copy.write(b, off, len);
            }
        };
        System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    /** Every captured line containing all the given fragments. */
    public List<String> lines(String... fragments) {
        return Arrays.stream(copy.toString(StandardCharsets.UTF_8).split("\n"))
                .filter(line -> Arrays.stream(fragments).allMatch(line::contains))
                .collect(Collectors.toList());
    }

    public String text() {
        return copy.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}

package org.triggerhappy.camel.ops;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One JSON object per log line (Jackson writes it, so any text is escaped right): time, level, logger, thread,
 * message, the message's {@code key=value} fields as fields of their own (whole numbers as numbers), and the stack
 * trace of an exception. Field names of the event itself win over a message field of the same name.
 */
final class JsonLineEncoder extends EncoderBase<ILoggingEvent> {
    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] NONE = new byte[0];
    /** key=value or key="quoted value" (quotes escaped as \"), after the start or a space. */
    private static final Pattern FIELD = Pattern.compile("(?<=^|\\s)([a-z][a-z0-9_]*)=(\"((?:[^\"\\\\]|\\\\.)*)\"|[^\\s\"]+)");
    private static final Pattern WHOLE = Pattern.compile("-?[0-9]{1,18}");
    private static final Set<String> RESERVED = Set.of("time", "level", "logger", "thread", "message", "exception");

    @Override
    public byte[] headerBytes() {
        return NONE;
    }

    @Override
    public byte[] footerBytes() {
        return NONE;
    }

    @Override
    public byte[] encode(ILoggingEvent e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            String message = e.getFormattedMessage();
            g.writeStartObject();
            g.writeStringField("time", Instant.ofEpochMilli(e.getTimeStamp()).toString());
            g.writeStringField("level", e.getLevel().toString());
            g.writeStringField("logger", e.getLoggerName());
            g.writeStringField("thread", e.getThreadName());
            g.writeStringField("message", message);
            for (Map.Entry<String, String> f : fields(message).entrySet()) {
                if (WHOLE.matcher(f.getValue()).matches()) {
                    g.writeNumberField(f.getKey(), Long.parseLong(f.getValue()));
                } else {
                    g.writeStringField(f.getKey(), f.getValue());
                }
            }
            IThrowableProxy t = e.getThrowableProxy();
            if (t != null) {
                g.writeStringField("exception", ThrowableProxyUtil.asString(t));
            }
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** The key=value fields of a message, first occurrence of a key kept. */
    static Map<String, String> fields(String message) {
        Map<String, String> m = new LinkedHashMap<>();
        if (message == null || message.indexOf('=') < 0) {
            return m;
        }
        Matcher x = FIELD.matcher(message);
        while (x.find()) {
            String key = x.group(1);
            if (RESERVED.contains(key)) {
                continue;
            }
            String value = x.group(3) != null ? x.group(3).replace("\\\"", "\"") : x.group(2);
            m.putIfAbsent(key, value);
        }
        return m;
    }
}

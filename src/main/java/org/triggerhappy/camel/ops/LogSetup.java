package org.triggerhappy.camel.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Locale;
import org.slf4j.Logger;
import org.triggerhappy.camel.config.Setting;

/**
 * Logback's configuration, found by logback at the first logger (META-INF/services): one appender on standard error,
 * as text lines or, with {@code TH_LOG_FORMAT=json} (or {@code -Dth.log.format=json}), one JSON object per line.
 * Levels come from {@link #ROOT_LEVEL} (every library: Camel, Quartz, Hikari, …) and {@link #APP_LEVEL} (this
 * service's own loggers), which the CLI sets per command before logging starts.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {
    public static final String ROOT_LEVEL = "th.log.level.libraries";
    public static final String APP_LEVEL = "th.log.level.service";
    public static final String FORMAT = Setting.LOG_FORMAT.key();
    /** ISO-8601 time with offset first: readable, sortable, and what bench/ parses. */
    static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        Encoder<ILoggingEvent> encoder = json() ? new JsonLineEncoder() : text();
        encoder.setContext(context);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setTarget("System.err");
        console.setEncoder(encoder);
        console.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(console);
        root.setLevel(level(ROOT_LEVEL));
        context.getLogger("org.triggerhappy").setLevel(level(APP_LEVEL));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static PatternLayoutEncoder text() {
        PatternLayoutEncoder e = new PatternLayoutEncoder();
        e.setPattern(TEXT_PATTERN);
        return e;
    }

    static boolean json() {
        String f = System.getProperty(FORMAT,
                System.getenv().getOrDefault(Setting.LOG_FORMAT.envName(), Setting.LOG_FORMAT.defaultValue()));
        return f.strip().toLowerCase(Locale.ROOT).equals("json");
    }

    private static Level level(String property) {
        return Level.toLevel(System.getProperty(property, "INFO"), Level.INFO);
    }
}

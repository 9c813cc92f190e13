package org.triggerhappy.camel.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Where configuration values come from, highest priority first: explicit overrides (tests, CLI), JVM system
 * properties ({@code -Dth.poll.interval=5m}), environment ({@code TH_POLL_INTERVAL}), then
 * {@code application.properties} on the classpath. Keys are written {@code th.poll.interval}; the environment
 * name is the same upper-cased with dots as underscores.
 */
public final class ConfigSource {
    private final Map<String, String> overrides;
    private final Map<String, String> env;
    private final Properties system;
    private final Properties defaults;

    public ConfigSource(Map<String, String> overrides, Map<String, String> env, Properties system, Properties defaults) {
        this.overrides = Map.copyOf(overrides);
        this.env = env;
        this.system = system;
        this.defaults = defaults;
    }

    /** The process's real configuration plus the given overrides. */
    public static ConfigSource standard(Map<String, String> overrides) {
        return new ConfigSource(overrides, System.getenv(), System.getProperties(), classpathDefaults());
    }

    public static ConfigSource of(Map<String, String> values) {
        return new ConfigSource(values, Map.of(), new Properties(), classpathDefaults());
    }

    static Properties classpathDefaults() {
        Properties p = new Properties();
        try (InputStream in = ConfigSource.class.getResourceAsStream("/application.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new ConfigException("cannot read application.properties: " + e.getMessage(), e);
        }
        return p;
    }

    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The value or null when no source defines it (an empty value counts as defined). */
    public String get(String key) {
        if (overrides.containsKey(key)) {
            return overrides.get(key);
        }
        String v = system.getProperty(key);
        if (v != null) {
            return v;
        }
        v = env.get(envName(key));
        if (v != null) {
            return v;
        }
        v = defaults.getProperty(key);
        return v == null ? null : v.trim();
    }

    public String get(String key, String fallback) {
        String v = get(key);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    public Map<String, String> overrides() {
        return new HashMap<>(overrides);
    }
}

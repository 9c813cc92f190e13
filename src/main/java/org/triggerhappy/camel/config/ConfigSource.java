package org.triggerhappy.camel.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Where configuration values come from, highest priority first: explicit overrides (tests, CLI), JVM system
 * properties ({@code -Dth.poll.interval=5m}), environment ({@code TH_POLL_INTERVAL}), the optional configuration
 * file ({@code TH_CONFIG_FILE} or {@code --config FILE}, read like application.properties), then
 * {@code application.properties} on the classpath. Keys are written {@code th.poll.interval}; the environment
 * name is the same upper-cased with dots as underscores.
 */
public final class ConfigSource {
    /** Names the configuration file; set from the environment ({@code TH_CONFIG_FILE}) or as a system property. */
    public static final String CONFIG_FILE_KEY = "th.config.file";

    private final Map<String, String> overrides;
    private final Map<String, String> env;
    private final Properties system;
    private final Properties file;
    private final Properties defaults;

    public ConfigSource(Map<String, String> overrides, Map<String, String> env, Properties system, Properties defaults) {
        this(overrides, env, system, new Properties(), defaults);
    }

    public ConfigSource(Map<String, String> overrides, Map<String, String> env, Properties system, Properties file,
                        Properties defaults) {
        this.overrides = Map.copyOf(overrides);
        this.env = env;
        this.system = system;
        this.file = file;
        this.defaults = defaults;
    }

    /** The process's real configuration (with the configuration file, if one is named) plus the given overrides. */
    public static ConfigSource standard(Map<String, String> overrides) {
        Map<String, String> env = System.getenv();
        String path = System.getProperty(CONFIG_FILE_KEY, env.getOrDefault(envName(CONFIG_FILE_KEY), ""));
        Properties file = path.isBlank() ? new Properties() : readFile(Path.of(path.strip()));
        return new ConfigSource(overrides, env, System.getProperties(), file, classpathDefaults());
    }

    /** A properties file as application.properties is read (UTF-8); a missing or unreadable one is an error. */
    static Properties readFile(Path path) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            throw new ConfigException("configuration file " + path + " (TH_CONFIG_FILE or --config) does not exist");
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("cannot read the configuration file " + path + ": " + e.getMessage(), e);
        }
        return p;
    }

    /** Keys the configuration file defines, for handing its th.flow.* and camel.* keys on to Camel. */
    public Set<String> fileKeys() {
        return file.stringPropertyNames();
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
        v = file.getProperty(key);
        if (v != null) {
            return v.trim();
        }
        v = defaults.getProperty(key);
        return v == null ? null : v.trim();
    }

    /** The setting's value, its default in {@link Setting} when no source sets it (or sets it blank). */
    public String get(Setting setting) {
        return get(setting.key(), setting.defaultValue());
    }

    public String get(String key, String fallback) {
        String v = get(key);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    public Map<String, String> overrides() {
        return new HashMap<>(overrides);
    }
}

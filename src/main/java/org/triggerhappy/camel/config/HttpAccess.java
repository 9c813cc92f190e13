package org.triggerhappy.camel.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Who may reach the status page and the management server: the address both bind to (TH_HTTP_HOST) and, when a
 * password is set, the one user name and password of HTTP basic authentication. The password never leaves this
 * record except through {@link #password()}, and {@link #toString()} masks it.
 */
public record HttpAccess(String host, String user, String password, String passwordFile) {
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[?[0-9a-fA-F:.]+]?");

    public static HttpAccess load(ConfigSource c) {
        String host = c.get(Setting.HTTP_HOST);
        String user = c.get(Setting.HTTP_USER);
        String password = c.get(Setting.HTTP_PASSWORD);
        String file = c.get(Setting.HTTP_PASSWORD_FILE);
        if (!file.isEmpty()) {
            if (!password.isEmpty()) {
                throw new ConfigException("set TH_HTTP_PASSWORD or TH_HTTP_PASSWORD_FILE, not both");
            }
            password = readPasswordFile(Path.of(file));
        }
        if (!password.isEmpty() && user.isEmpty()) {
            throw new ConfigException("TH_HTTP_PASSWORD is set but TH_HTTP_USER is empty: set the user name too");
        }
        if (password.isEmpty() && !user.isEmpty()) {
            throw new ConfigException("TH_HTTP_USER is set but no password: set TH_HTTP_PASSWORD or TH_HTTP_PASSWORD_FILE");
        }
        if (user.contains(":")) {
            throw new ConfigException("TH_HTTP_USER must not contain ':' (HTTP basic authentication splits on it)");
        }
        return new HttpAccess(host, user, password, file);
    }

    /** Without a password file (the password given directly, or none). */
    public HttpAccess(String host, String user, String password) {
        this(host, user, password, "");
    }

    private static String readPasswordFile(Path file) {
        try {
            // Files written by editors and `echo` end with a newline that is no part of the password.
            String p = Files.readString(file, StandardCharsets.UTF_8).replaceAll("[\r\n]+$", "");
            if (p.isEmpty()) {
                throw new ConfigException("TH_HTTP_PASSWORD_FILE=" + file + " is empty");
            }
            return p;
        } catch (IOException e) {
            throw new ConfigException("cannot read TH_HTTP_PASSWORD_FILE=" + file + ": " + e.getMessage(), e);
        }
    }

    public boolean authenticated() {
        return !password.isEmpty();
    }

    /** True for localhost and loopback literals; a name is never resolved here (no DNS query at start). */
    public boolean loopbackOnly() {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!IP_LITERAL.matcher(host).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The warning to log at start, or null: reachable from other machines without a password. */
    public String exposureWarning() {
        if (authenticated() || loopbackOnly()) {
            return null;
        }
        return "TH_HTTP_HOST=" + host + " makes the status page (user names, feeds, errors) and the metrics reachable"
                + " from other machines WITHOUT a password: set TH_HTTP_USER and TH_HTTP_PASSWORD (or"
                + " TH_HTTP_PASSWORD_FILE), or bind to 127.0.0.1 behind a proxy that authenticates";
    }

    @Override
    public String toString() {
        return "HttpAccess[host=" + host + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "****") + "]";
    }
}

package org.triggerhappy.camel.config;

/** Bad configuration: the message is shown to the operator as is, so it names the key and never a secret. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}

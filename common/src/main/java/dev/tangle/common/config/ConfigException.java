package dev.tangle.common.config;

/** Configuration that cannot be used; thrown at start-up with a message naming the key. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}

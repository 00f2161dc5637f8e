package org.basket.core.config;

/** A definition was rejected: names the key at fault, or none when the whole definition is. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String key;

    public ConfigException(String key, String reason) {
        super(reason);
        this.key = key == null ? "" : key;
    }

    public String key() {
        return key;
    }
}

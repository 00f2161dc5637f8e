package org.basket.api.config;

import java.util.Objects;

/**
 * One bad key of a configuration.
 *
 * @param key    the key at fault, or empty when the whole configuration is
 * @param value  the value given, or null when there is none (a missing key); a secret's is masked
 * @param reason what is wrong, for a human
 */
public record KeyProblem(String key, String value, String reason) {
    public KeyProblem {
        key = key == null ? "" : key;
        value = value == null ? null : StrictConfig.shown(key, value);
        Objects.requireNonNull(reason, "reason");
    }

    /** The reason followed by the value, {@code not a whole number: 'two'}. */
    public String text() {
        return value == null ? reason : reason + ": '" + value + "'";
    }
}

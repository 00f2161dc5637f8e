package org.basket.api.cluster;

/**
 * A configuration that was rejected; the last good definition, if any, stays in force.
 *
 * @param source the file (or configuration PID) the definition came from
 * @param key    the offending key, or empty when the whole definition is at fault
 * @param reason what is wrong, for a human
 */
public record ConfigProblem(String source, String key, String reason) {
    public ConfigProblem {
        java.util.Objects.requireNonNull(source, "source");
        java.util.Objects.requireNonNull(reason, "reason");
        key = key == null ? "" : key;
    }

    @Override
    public String toString() {
        return source + (key.isEmpty() ? "" : ": key '" + key + "'") + ": " + reason;
    }
}

package org.basket.api.config;

import java.util.List;

/**
 * A configuration was refused. Every bad key is named; the message is one format everywhere:
 * {@code reason: 'value'; key 'k2': reason: 'value'}, the first key being {@link #key()}, and with its
 * source {@link #describe(String)} gives {@code source: key 'k': reason: 'value'; key 'k2': ...}.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<KeyProblem> problems;

    /** A problem whose reason already says all, e.g. {@code must be positive: -1}. */
    public ConfigException(String key, String reason) {
        this(List.of(new KeyProblem(key, null, reason)));
    }

    public ConfigException(String key, String value, String reason) {
        this(List.of(new KeyProblem(key, value, reason)));
    }

    public ConfigException(List<KeyProblem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** The first bad key, or empty when the whole configuration is at fault. */
    public String key() {
        return problems.get(0).key();
    }

    public List<KeyProblem> problems() {
        return problems;
    }

    /** {@code source: key 'k': reason: 'value'; key 'k2': ...}, source being a file or a PID. */
    public String describe(String source) {
        return source + (key().isEmpty() ? "" : ": key '" + key() + "'") + ": " + getMessage();
    }

    private static String message(List<KeyProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException names at least one problem");
        }
        StringBuilder text = new StringBuilder(problems.get(0).text());
        problems.stream().skip(1).forEach(p -> text.append("; key '").append(p.key()).append("': ").append(p.text()));
        return text.toString();
    }
}

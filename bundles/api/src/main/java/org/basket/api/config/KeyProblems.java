package org.basket.api.config;

import java.util.ArrayList;
import java.util.List;

/** Every bad key of one configuration, gathered so that one {@link ConfigException} names them all, each once. */
public final class KeyProblems {
    private final List<KeyProblem> problems = new ArrayList<>();

    public void add(String key, String reason) {
        add(new KeyProblem(key, null, reason));
    }

    public void add(String key, Object value, String reason) {
        add(new KeyProblem(key, String.valueOf(value), reason));
    }

    public void add(ConfigException e) {
        e.problems().forEach(this::add);
    }

    /** Adds a problem unless its key has one already (a key that did not read is not checked again). */
    private void add(KeyProblem problem) {
        if (problem.key().isEmpty() || problems.stream().noneMatch(p -> p.key().equals(problem.key()))) {
            problems.add(problem);
        }
    }

    /** Appends to the text of the latest problem, e.g. the list of known keys after the last unknown one. */
    public void amendLast(String more) {
        KeyProblem last = problems.remove(problems.size() - 1);
        problems.add(new KeyProblem(last.key(), null, last.text() + more));
    }

    /** The value, or the value with a problem added when it lies outside {@code min..max}. */
    public long within(String key, long value, long min, long max) {
        if (value < min || value > max) {
            add(key, value, "must be from " + min + (max == Long.MAX_VALUE ? " up" : " to " + max));
        }
        return value;
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** @throws ConfigException naming every bad key, if there is one */
    public void throwIfAny() throws ConfigException {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }
}

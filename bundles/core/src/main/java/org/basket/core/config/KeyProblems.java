package org.basket.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Every bad key of one file, gathered so that one problem names them all: its key is the first bad key, its
 * reason that key's reason followed by {@code key 'k': reason} for each further one.
 */
final class KeyProblems {
    private record Problem(String key, String reason) {
    }

    private final List<Problem> problems = new ArrayList<>();

    void add(String key, String reason) {
        problems.add(new Problem(key, reason));
    }

    void add(ConfigException e) {
        add(e.key(), e.getMessage());
    }

    /** Appends to the reason of the latest problem, e.g. the list of known keys after the last unknown one. */
    void amendLast(String more) {
        Problem last = problems.remove(problems.size() - 1);
        problems.add(new Problem(last.key(), last.reason() + more));
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    /** @throws ConfigException naming every bad key, if there is one */
    void throwIfAny() throws ConfigException {
        if (problems.isEmpty()) {
            return;
        }
        StringBuilder reason = new StringBuilder(problems.get(0).reason());
        problems.stream().skip(1).forEach(p -> reason.append("; key '").append(p.key()).append("': ").append(p.reason()));
        throw new ConfigException(problems.get(0).key(), reason.toString());
    }
}

package org.basket.core.journal;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A transition that was begun and not ended: what the manager was doing.
 *
 * @param id increasing across the journal's life
 * @param started when it was begun
 * @param actions its actions as text, in the order given
 * @param completed the actions that completed, in the order of {@code actions}, with whether each succeeded
 */
public record TransitionRecord(long id, Instant started, List<String> actions, Map<String, Boolean> completed) {
    public TransitionRecord {
        Objects.requireNonNull(started, "started");
        actions = List.copyOf(actions);
        Map<String, Boolean> ordered = new LinkedHashMap<>();
        for (String action : actions) {
            Boolean ok = completed.get(action);
            if (ok != null) {
                ordered.put(action, ok);
            }
        }
        if (ordered.size() != completed.size()) {
            throw new IllegalArgumentException("completed actions not in the transition: " + completed.keySet());
        }
        completed = Collections.unmodifiableMap(ordered);
    }

    /** The actions not completed yet, in order. */
    public List<String> pending() {
        return actions.stream().filter(a -> !completed.containsKey(a)).toList();
    }

    /** The actions that completed and failed, in order. */
    public List<String> failed() {
        return completed.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
    }
}

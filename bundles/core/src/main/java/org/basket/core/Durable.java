package org.basket.core;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.basket.core.journal.FenceRecord;
import org.basket.core.journal.Flag;
import org.basket.core.journal.Journal;
import org.basket.core.journal.JournalException;
import org.basket.core.journal.OperationRecord;
import org.basket.core.journal.TransitionRecord;

/**
 * What must survive a manager crash, written through to the crash-safe journal when there is one
 * (none in tests that do not ask for it). A journal that fails is reported and the manager goes on
 * from memory: losing history must not stop recovery.
 */
final class Durable {
    private final Journal journal;
    private final EventLog events;
    private String lastError = "";

    private Durable(Journal journal, EventLog events) {
        this.journal = journal;
        this.events = events;
    }

    static Durable none(EventLog events) {
        return new Durable(null, events);
    }

    /** Opens the journal; a corrupt one is moved aside, loudly. */
    static Durable open(Path file, EventLog events) {
        try {
            Journal journal = Journal.openOrMoveAside(file);
            journal.movedAside().ifPresent(moved -> events.error("journal " + file + " was corrupt: moved aside to "
                    + moved + "; fail counts, flags and history start empty"));
            return new Durable(journal, events);
        } catch (JournalException e) {
            events.error("journal " + file + " cannot be opened, nothing will survive a restart: " + e.getMessage());
            return none(events);
        }
    }

    void failure(String resource, String host, Instant time) {
        write(() -> journal.recordFailure(resource, host, time));
    }

    void clearFailures(String resource) {
        write(() -> journal.clearFailures(resource));
    }

    void fence(FenceRecord record) {
        write(() -> journal.recordFence(record));
    }

    void operation(OperationRecord record) {
        write(() -> journal.recordOperation(record));
    }

    void flag(Flag flag, boolean on) {
        write(() -> journal.setFlag(flag, on));
    }

    void retire(String domain, String resource) {
        write(() -> journal.retire(domain, resource));
    }

    void forgetRetired(String domain) {
        write(() -> journal.forgetRetired(domain));
    }

    Map<String, String> retired() {
        return read(() -> journal.retired(), Map.of());
    }

    void beginTransition(List<String> actions) {
        write(() -> {
            journal.endTransition();
            journal.beginTransition(actions);
        });
    }

    void actionCompleted(String action, boolean ok) {
        write(() -> journal.actionCompleted(action, ok));
    }

    void endTransition() {
        write(() -> journal.endTransition());
    }

    Map<String, Map<String, Integer>> failCounts() {
        return read(() -> journal.failCounts(), Map.of());
    }

    /** When each resource last failed on each host, by resource then host. */
    Map<String, Map<String, Instant>> lastFailures() {
        return read(() -> {
            Map<String, Map<String, Instant>> times = new TreeMap<>();
            journal.failures().forEach(f -> times.computeIfAbsent(f.resource(), r -> new TreeMap<>())
                    .put(f.host(), f.lastFailure()));
            return times;
        }, Map.of());
    }

    Set<Flag> flags() {
        return read(() -> journal.flags(), Set.of());
    }

    Optional<TransitionRecord> transitionInFlight() {
        return read(() -> journal.transitionInFlight(), Optional.empty());
    }

    List<OperationRecord> operations(int max) {
        return read(() -> journal.operations(max), List.of());
    }

    List<FenceRecord> fences(int max) {
        return read(() -> journal.fenceHistory(max), List.of());
    }

    void close() {
        if (journal != null) {
            journal.close();
        }
    }

    private interface Write {
        void run();
    }

    private interface Read<T> {
        T get();
    }

    private void write(Write write) {
        if (journal == null) {
            return;
        }
        try {
            write.run();
        } catch (JournalException e) {
            report(e);
        }
    }

    private <T> T read(Read<T> read, T fallback) {
        if (journal == null) {
            return fallback;
        }
        try {
            return read.get();
        } catch (JournalException e) {
            report(e);
            return fallback;
        }
    }

    private synchronized void report(JournalException e) {
        if (!e.getMessage().equals(lastError)) {
            lastError = e.getMessage();
            events.error("journal: " + e.getMessage());
        }
    }
}

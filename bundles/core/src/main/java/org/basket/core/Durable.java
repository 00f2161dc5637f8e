package org.basket.core;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.basket.api.cluster.EventKind;
import org.basket.api.coordination.CoordinationException;
import org.basket.core.journal.FenceRecord;
import org.basket.core.journal.Flag;
import org.basket.core.journal.Journal;
import org.basket.core.journal.OperationRecord;
import org.basket.core.journal.SharedJournal;
import org.basket.core.journal.TransitionRecord;

/**
 * What must survive a manager crash, written through to the crash-safe journal when there is one
 * (none in tests that do not ask for it). While the journal cannot be written, {@link #fault()} says why:
 * the manager then observes but does not act; the writes it missed are kept (at most {@link #MISSED_LIMIT})
 * and replayed, in order, once {@link #recover()} reopened the file.
 */
final class Durable {
    static final int MISSED_LIMIT = 10_000;

    /** How the journal file is opened (and reopened): moving a corrupt one aside. */
    interface Opener {
        Journal open(Path file);
    }

    private final Path file;
    private final EventLog events;
    private final Opener opener;
    private Journal journal;
    /** Whether the journal was ever open, so that what it holds was restored. */
    private boolean restored;
    private String fault;
    private final Deque<Write> missed = new ArrayDeque<>();
    private int dropped;
    /** Where the fail counts, flags and transition are shared with the other managers while this one leads. */
    private SharedJournal shared;

    private Durable(Path file, Opener opener, EventLog events) {
        this.file = file;
        this.opener = opener;
        this.events = events;
    }

    static Durable none(EventLog events) {
        return new Durable(null, null, events);
    }

    static Durable open(Path file, EventLog events) {
        return open(file, events, Journal::openOrMoveAside);
    }

    /**
     * Opens the journal; a corrupt (or zero-length) one is moved aside, loudly; one that cannot be opened
     * is a fault until {@link #recover()} opens it.
     */
    static Durable open(Path file, EventLog events, Opener opener) {
        Durable durable = new Durable(file, opener, events);
        try {
            durable.journal = durable.openJournal();
            durable.restored = true;
        } catch (RuntimeException e) {
            durable.fail("cannot be opened: " + e.getMessage());
        }
        return durable;
    }

    private Journal openJournal() {
        Journal opened = opener.open(file);
        opened.movedAside().ifPresent(moved -> events.entry(EventKind.JOURNAL, "journal " + file
                + " was corrupt: moved aside to " + moved + "; fail counts, flags and history start empty").error());
        return opened;
    }

    /** Whether there is a journal (none in tests that do not ask for one). */
    boolean keeps() {
        return file != null;
    }

    /** Why durable writes fail now, if they do. */
    synchronized Optional<String> fault() {
        return Optional.ofNullable(fault);
    }

    /**
     * Reopens a journal that failed and replays the writes it missed.
     *
     * @return whether it was never open before: what it holds must then be restored
     */
    synchronized boolean recover() {
        if (fault == null || file == null) {
            return false;
        }
        Journal reopened;
        try {
            if (journal != null) {
                journal.close();
            }
            reopened = openJournal();
            for (Write write : missed) {
                write.run(reopened);
            }
        } catch (RuntimeException e) {
            journal = null;
            fail("cannot be reopened: " + e.getMessage());
            return false;
        }
        journal = reopened;
        boolean restore = !restored;
        restored = true;
        events.entry(EventKind.JOURNAL, "journal " + file + " can be written again: reopened, " + missed.size()
                + " missed write(s) replayed" + (dropped > 0 ? ", " + dropped + " older one(s) lost" : "")
                + "; Basket acts again").warn();
        missed.clear();
        dropped = 0;
        fault = null;
        return restore;
    }

    /** The first of {@code count} event sequence numbers no earlier run of the manager used; 1 without a journal. */
    synchronized long reserveEventIds(long count) {
        if (journal == null || fault != null) {
            return 1;
        }
        try {
            return journal.reserveEventIds(count);
        } catch (RuntimeException e) {
            fail("cannot be written: " + e.getMessage());
            return 1;
        }
    }

    void failure(String resource, String host, Instant time) {
        write(j -> j.recordFailure(resource, host, time), (j, s) -> shareFailures(j, s, resource));
    }

    void clearFailures(String resource) {
        write(j -> j.clearFailures(resource), (j, s) -> shareFailures(j, s, resource));
    }

    private static void shareFailures(Journal journal, SharedJournal shared, String resource) throws CoordinationException {
        shared.failures(resource, journal.failures().stream().filter(f -> f.resource().equals(resource)).toList());
    }

    /**
     * This manager leads {@code epoch}: from now on its fail counts, flags and transition are shared. The first leader
     * shares its own journal; a later one takes what its predecessors shared, replacing its own.
     *
     * @throws CoordinationException when the shared journal cannot be read or written: this manager must not act
     */
    synchronized void share(SharedJournal next) throws CoordinationException {
        shared = null;
        if (journal == null || fault != null) {
            throw new CoordinationException("the local journal " + file + " is not open" + (fault == null ? ""
                    : ": " + fault));
        }
        if (!next.started()) {
            next.start(journal);
        } else {
            journal.replaceFailures(next.failures());
            journal.replaceFlags(next.flags());
            journal.replaceRetired(next.retired());
            journal.replaceFences(next.fenceHistory());
            journal.replaceOperations(next.operations());
            next.fenced();
            journal.endTransition();
            Optional<TransitionRecord> inFlight = next.transition();
            if (inFlight.isPresent()) {
                journal.beginTransition(inFlight.get().actions());
                inFlight.get().completed().forEach(journal::actionCompleted);
            }
        }
        shared = next;
    }

    /** The first of {@code count} event ids reserved from the managers' shared counter, while the journal is shared. */
    synchronized long sharedEventIds(int count) throws CoordinationException {
        if (shared == null) {
            throw new CoordinationException("the journal is not shared");
        }
        return shared.reserveEventIds(count);
    }

    /** Tells the other managers the digest of the definitions this leader acts on; false if it cannot. */
    synchronized boolean shareConfigHash(String hash) {
        if (shared == null) {
            return false;
        }
        try {
            shared.configHash(hash);
            return true;
        } catch (CoordinationException e) {
            fail("cannot be shared with the other managers (epoch " + shared.epoch() + "): " + e.getMessage());
            shared = null;
            return false;
        }
    }

    /** The hosts fenced under the shared journal and not heard from since, with what fenced them. */
    synchronized Map<String, String> sharedFenced() throws CoordinationException {
        if (shared == null) {
            throw new CoordinationException("the journal is not shared");
        }
        return shared.fenced();
    }

    /**
     * Tells the other managers which hosts are fenced and not heard from since (a new leader takes them as off); a
     * failure is a fault, so that the leader does not act while a host that answers again may still count as fenced.
     */
    synchronized void shareFenced(Map<String, String> byHost) {
        if (shared == null) {
            return;
        }
        try {
            shared.fenced(byHost);
        } catch (CoordinationException | RuntimeException e) {
            fail("cannot be shared with the other managers (epoch " + shared.epoch() + "): " + e.getMessage());
            shared = null;
        }
    }

    /** This manager no longer leads: what it writes stays its own. */
    synchronized void unshare() {
        shared = null;
    }

    /** Whether the journal is shared in {@code epoch}. */
    synchronized boolean sharedIn(long epoch) {
        return shared != null && shared.epoch() == epoch;
    }

    void fence(FenceRecord record) {
        write(j -> j.recordFence(record), (j, s) -> s.fence(record));
    }

    void operation(OperationRecord record) {
        write(j -> j.recordOperation(record), (j, s) -> s.operation(record));
    }

    void flag(Flag flag, boolean on) {
        write(j -> j.setFlag(flag, on), (j, s) -> s.flags(j.flags()));
    }

    void retire(String domain, String resource) {
        write(j -> j.retire(domain, resource), (j, s) -> s.retired(j.retired()));
    }

    void forgetRetired(String domain) {
        write(j -> j.forgetRetired(domain), (j, s) -> s.retired(j.retired()));
    }

    Map<String, String> retired() {
        return read(Journal::retired, Map.of());
    }

    /** Ends the transition in flight, if any, and begins this one: one synced commit, then one shared write. */
    void beginTransition(List<String> actions) {
        write(j -> j.replaceTransition(actions), Durable::shareTransition);
    }

    void actionCompleted(String action, boolean ok) {
        write(j -> j.actionCompleted(action, ok), Durable::shareTransition);
    }

    /** Several actions completed at once (those abandoned): one synced commit, then one shared write. */
    void actionsCompleted(List<String> actions, boolean ok) {
        if (!actions.isEmpty()) {
            write(j -> j.actionsCompleted(actions, ok), Durable::shareTransition);
        }
    }

    void endTransition() {
        write(Journal::endTransition, Durable::shareTransition);
    }

    private static void shareTransition(Journal journal, SharedJournal shared) throws CoordinationException {
        shared.transition(journal.transitionInFlight());
    }

    Map<String, Map<String, Integer>> failCounts() {
        return read(Journal::failCounts, Map.of());
    }

    /** When each resource last failed on each host, by resource then host. */
    Map<String, Map<String, Instant>> lastFailures() {
        return read(j -> {
            Map<String, Map<String, Instant>> times = new TreeMap<>();
            j.failures().forEach(f -> times.computeIfAbsent(f.resource(), r -> new TreeMap<>())
                    .put(f.host(), f.lastFailure()));
            return times;
        }, Map.of());
    }

    Set<Flag> flags() {
        return read(Journal::flags, Set.of());
    }

    Optional<TransitionRecord> transitionInFlight() {
        return read(Journal::transitionInFlight, Optional.empty());
    }

    List<OperationRecord> operations(int max) {
        return read(j -> j.operations(max), List.of());
    }

    List<FenceRecord> fences(int max) {
        return read(j -> j.fenceHistory(max), List.of());
    }

    synchronized void close() {
        if (journal != null) {
            journal.close();
        }
    }

    private interface Write {
        void run(Journal journal);
    }

    private interface Read<T> {
        T get(Journal journal);
    }

    /** Shares what a write changed with the other managers. */
    private interface Share {
        void run(Journal journal, SharedJournal shared) throws CoordinationException;
    }

    private synchronized void write(Write write, Share share) {
        if (file == null) {
            return;
        }
        if (fault == null) {
            try {
                write.run(journal);
            } catch (RuntimeException e) {
                fail("cannot be written: " + e.getMessage());
            }
        }
        if (fault == null) {
            if (share != null && shared != null) {
                try {
                    share.run(journal, shared);
                } catch (CoordinationException | RuntimeException e) {
                    fail("cannot be shared with the other managers (epoch " + shared.epoch() + "): " + e.getMessage());
                    shared = null;
                }
            }
            return;
        }
        missed.addLast(write);
        if (missed.size() > MISSED_LIMIT) {
            missed.removeFirst();
            dropped++;
        }
    }

    private synchronized <T> T read(Read<T> read, T fallback) {
        if (journal == null || fault != null) {
            return fallback;
        }
        try {
            return read.get(journal);
        } catch (RuntimeException e) {
            fail("cannot be read: " + e.getMessage());
            return fallback;
        }
    }

    /** Records why the journal fails and says so once, until the reason changes. */
    private void fail(String reason) {
        String now = "journal " + file + " " + reason;
        if (!now.equals(fault)) {
            fault = now;
            events.entry(EventKind.JOURNAL, "ALERT: " + fault + "; Basket observes but does not act until it can write")
                    .error();
        }
    }
}

package org.basket.core.journal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;

import org.basket.core.journal.JournalException.Problem;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.StringDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manager's crash-safe local journal: fail counts, fencing and operation history, standby and
 * maintenance flags and the transition in flight, in one H2 MVStore file.
 *
 * <p>Every recording method returns only once its change is durable: it commits the MVStore (which
 * writes the change as a new chunk, checksummed, never overwriting a chunk in use) and then syncs the
 * file ({@code FileChannel.force(true)}), so the chunk is on the device before the caller is told;
 * after a crash MVStore opens at the newest complete chunk, which holds every acknowledged change. A
 * method's changes are one commit: all of them are there after a crash, or none.
 *
 * <p>All file access runs on the journal's own thread ({@code basket-journal}): interrupting a thread
 * that does NIO file I/O closes the file channel under MVStore and breaks the store, and the manager
 * interrupts its threads (timed-out actions are cancelled). Callers wait for their call uninterruptibly
 * and keep their interrupt status. The journal is safe for concurrent use; calls run one at a time.
 *
 * <p>Values are explicit, versioned text encodings ({@link Codec}), never Java serialization.
 * Opening reads and checks every record, so a journal that opens is wholly readable, and refuses a
 * damaged file that MVStore alone would silently open at an older version. It never starts over by
 * itself: {@link #openOrMoveAside} does, when asked.
 */
public final class Journal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    /** The journal's format, kept in the file; a file of a higher format is refused. */
    static final int FORMAT = 1;

    private static final String META = "meta";
    private static final String FAILURES = "failures";
    private static final String FENCES = "fences";
    private static final String OPERATIONS = "operations";
    private static final String FLAGS = "flags";
    private static final String TRANSITION = "transition";
    private static final String RETIRED = "retired";
    private static final List<String> MAPS = List.of(META, FAILURES, FENCES, OPERATIONS, FLAGS, TRANSITION, RETIRED);
    private static final String FORMAT_KEY = "format";
    private static final String CURRENT = "current";
    private static final String LAST_ID = "last-id";
    private static final String DONE = "done" + Fields.SEPARATOR;
    /** Changes between two compactions, which rewrite the live pages of sparse chunks. */
    private static final int COMPACT_EVERY = 1000;
    private static final DateTimeFormatter ASIDE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /**
     * How much history to keep, and the clock for the journal's own timestamps (transition start,
     * creation, the name of a file moved aside).
     *
     * @param operationLimit operations kept; older ones are dropped
     * @param fenceLimit fences kept; older ones are dropped
     */
    public record Options(int operationLimit, int fenceLimit, Clock clock) {
        public static final Options DEFAULTS = new Options(10_000, 10_000, Clock.systemUTC());

        public Options {
            if (operationLimit < 1 || fenceLimit < 1) {
                throw new IllegalArgumentException("history limits must be positive: operations " + operationLimit
                        + ", fences " + fenceLimit);
            }
            Objects.requireNonNull(clock, "clock");
        }

        public Options withOperationLimit(int limit) {
            return new Options(limit, fenceLimit, clock);
        }

        public Options withFenceLimit(int limit) {
            return new Options(operationLimit, limit, clock);
        }

        public Options withClock(Clock value) {
            return new Options(operationLimit, fenceLimit, value);
        }
    }

    private final Path file;
    private final Options options;
    private final Path movedAside;
    private final ExecutorService io;
    private volatile boolean closed;

    // Confined to the io thread.
    private MVStore store;
    private boolean storeClosed;
    private int changesSinceCompaction;
    private static final String EVENT_IDS_KEY = "next.event.id";
    private MVMap<String, String> meta;
    private MVMap<String, String> failures;
    private MVMap<String, String> fences;
    private MVMap<String, String> operations;
    private MVMap<String, String> flags;
    private MVMap<String, String> transition;
    private MVMap<String, String> retired;

    private Journal(Path file, Options options, Path movedAside) {
        this.file = file;
        this.options = options;
        this.movedAside = movedAside;
        this.io = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "basket-journal");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Opens the journal with the default options; see {@link #open(Path, Options)}. */
    public static Journal open(Path file) {
        return open(file, Options.DEFAULTS);
    }

    /**
     * Opens the journal in the file, creating it (and its directory) if it does not exist.
     *
     * @throws JournalException naming the file if it is corrupt, of a newer format, locked by another
     *         journal or process, or cannot be read or created; a damaged file is never replaced
     */
    public static Journal open(Path file, Options options) {
        return start(file.toAbsolutePath().normalize(), options, null);
    }

    /** Like {@link #openOrMoveAside(Path, Options)} with the default options. */
    public static Journal openOrMoveAside(Path file) {
        return openOrMoveAside(file, Options.DEFAULTS);
    }

    /**
     * Opens the journal; if the file is {@link Problem#CORRUPT corrupt}, renames it to
     * {@code <name>.corrupt-<UTC timestamp>} in the same directory, logs an error saying what is lost,
     * and starts an empty journal ({@link #movedAside()} then tells where the old file went). Any other
     * problem (locked, newer format, unreadable) is thrown as from {@link #open(Path, Options)}.
     */
    public static Journal openOrMoveAside(Path file, Options options) {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            return start(absolute, options, null);
        } catch (JournalException e) {
            if (e.problem() != Problem.CORRUPT) {
                throw e;
            }
            Path aside = moveAside(absolute, options.clock(), e);
            LOG.error("JOURNAL CORRUPT: {} was moved aside to {} and an EMPTY journal started in its place; fail "
                    + "counts, fencing and operation history, standby/maintenance flags and the transition in "
                    + "flight recorded there are forgotten. Cause: {}", absolute, aside, e.getMessage());
            return start(absolute, options, aside);
        }
    }

    /** The journal file (absolute). */
    public Path file() {
        return file;
    }

    /** Where {@link #openOrMoveAside} moved a corrupt file before starting this journal empty. */
    public Optional<Path> movedAside() {
        return Optional.ofNullable(movedAside);
    }

    // ---- fail counts ----

    /**
     * Counts a failure of the resource on the host.
     *
     * @return the resource's failure count on the host, this one included
     */
    public int recordFailure(String resource, String host, Instant time) {
        Fields.requireName("resource", resource);
        Fields.requireName("host", host);
        Objects.requireNonNull(time, "time");
        return change(() -> {
            String key = Codec.failureKey(resource, host);
            String old = failures.get(key);
            int count = old == null ? 1 : decode(FAILURES, key, () -> Codec.decodeFailure(key, old)).count() + 1;
            failures.put(key, Codec.encodeFailure(new FailureRecord(resource, host, count, time)));
            return count;
        });
    }

    /** Forgets the resource's failures on every host. */
    public void clearFailures(String resource) {
        Fields.requireName("resource", resource);
        change(() -> {
            String prefix = Codec.failurePrefix(resource);
            List<String> keys = new ArrayList<>();
            for (Iterator<String> it = failures.keyIterator(prefix); it.hasNext(); ) {
                String key = it.next();
                if (!key.startsWith(prefix)) {
                    break;
                }
                keys.add(key);
            }
            keys.forEach(failures::remove);
            return null;
        });
    }

    /** Failure counts by resource, then host, both sorted. */
    public Map<String, Map<String, Integer>> failCounts() {
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        for (FailureRecord r : failures()) {
            counts.computeIfAbsent(r.resource(), k -> new TreeMap<>()).put(r.host(), r.count());
        }
        counts.replaceAll((resource, hosts) -> Collections.unmodifiableMap(hosts));
        return Collections.unmodifiableMap(counts);
    }

    /** Every resource's failures per host, with the time of the last one, by resource then host. */
    public List<FailureRecord> failures() {
        return call(() -> {
            List<FailureRecord> all = new ArrayList<>();
            failures.forEach((key, value) -> all.add(decode(FAILURES, key, () -> Codec.decodeFailure(key, value))));
            all.sort((a, b) -> a.resource().equals(b.resource()) ? a.host().compareTo(b.host())
                    : a.resource().compareTo(b.resource()));
            return List.copyOf(all);
        });
    }

    /** Replaces every failure with {@code records}: what the leader before this manager recorded. */
    public void replaceFailures(List<FailureRecord> records) {
        List<FailureRecord> copy = List.copyOf(records);
        change(() -> {
            failures.clear();
            copy.forEach(r -> failures.put(Codec.failureKey(r.resource(), r.host()), Codec.encodeFailure(r)));
            return null;
        });
    }

    // ---- fencing and operation history ----

    /** Appends a fence to the history, dropping the oldest beyond {@link Options#fenceLimit()}. */
    public void recordFence(FenceRecord fence) {
        Objects.requireNonNull(fence, "fence");
        String value = Codec.encodeFence(fence);
        change(() -> append(fences, value, options.fenceLimit()));
    }

    /** The last {@code max} fences, oldest first. */
    public List<FenceRecord> fenceHistory(int max) {
        return call(() -> last(fences, FENCES, max, Codec::decodeFence));
    }

    /** Appends an operation to the history, dropping the oldest beyond {@link Options#operationLimit()}. */
    public void recordOperation(OperationRecord operation) {
        Objects.requireNonNull(operation, "operation");
        String value = Codec.encodeOperation(operation);
        change(() -> append(operations, value, options.operationLimit()));
    }

    /** The last {@code max} operations, oldest first. */
    public List<OperationRecord> operations(int max) {
        return call(() -> last(operations, OPERATIONS, max, Codec::decodeOperation));
    }

    /** Replaces the fencing history with {@code history} (oldest first): what the leader before this manager kept. */
    public void replaceFences(List<FenceRecord> history) {
        List<String> values = history.stream().map(Codec::encodeFence).toList();
        change(() -> replace(fences, values, options.fenceLimit()));
    }

    /** Replaces the operation history with {@code history} (oldest first): what the leader before this manager kept. */
    public void replaceOperations(List<OperationRecord> history) {
        List<String> values = history.stream().map(Codec::encodeOperation).toList();
        change(() -> replace(operations, values, options.operationLimit()));
    }

    // ---- flags ----

    /** Sets or clears a flag. */
    /**
     * Reserves the next {@code count} event sequence numbers, so that they increase across restarts: a manager
     * that stops loses what it did not use.
     *
     * @return the first of them
     */
    public long reserveEventIds(long count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
        return change(() -> {
            String stored = meta.get(EVENT_IDS_KEY);
            long first;
            try {
                first = stored == null ? 1 : Long.parseLong(stored);
            } catch (NumberFormatException e) {
                throw failure(Problem.CORRUPT, "journal file " + file + " is corrupt: next event id '" + stored + "'", e);
            }
            meta.put(EVENT_IDS_KEY, Long.toString(first + count));
            return first;
        });
    }

    public void setFlag(Flag flag, boolean on) {
        Objects.requireNonNull(flag, "flag");
        String key = Codec.flagKey(flag);
        change(() -> on ? flags.put(key, Codec.V1) : flags.remove(key));
    }

    /** Replaces the flags with {@code set}: what the leader before this manager recorded. */
    public void replaceFlags(Set<Flag> set) {
        Set<Flag> copy = Set.copyOf(set);
        change(() -> {
            flags.clear();
            copy.forEach(flag -> flags.put(Codec.flagKey(flag), Codec.V1));
            return null;
        });
    }

    /** The flags that are set, sorted by scope, target and kind. */
    public Set<Flag> flags() {
        return call(() -> {
            Set<Flag> set = new TreeSet<>();
            flags.forEach((key, value) -> set.add(decode(FLAGS, key, () -> Codec.decodeFlag(key, value))));
            return Collections.unmodifiableSet(set);
        });
    }

    public boolean isSet(Flag flag) {
        Objects.requireNonNull(flag, "flag");
        String key = Codec.flagKey(flag);
        return call(() -> flags.containsKey(key));
    }

    // ---- resources removed from the configuration that may still run ----

    /** Remembers a resource no longer configured, by its domain, until {@link #forgetRetired} says it stopped. */
    public void retire(String domain, String resource) {
        Fields.requireName("domain", domain);
        Fields.requireName("resource", resource);
        change(() -> retired.put(domain, resource));
    }

    /** Replaces the resources no longer configured that may still run: what the leader before this manager recorded. */
    public void replaceRetired(Map<String, String> byDomain) {
        Map<String, String> copy = Map.copyOf(byDomain);
        change(() -> {
            retired.clear();
            retired.putAll(copy);
            return null;
        });
    }

    public void forgetRetired(String domain) {
        Fields.requireName("domain", domain);
        change(() -> retired.remove(domain));
    }

    /** Resources no longer configured that may still run, by domain. */
    public Map<String, String> retired() {
        return call(() -> Collections.unmodifiableMap(new TreeMap<>(retired)));
    }

    // ---- the transition in flight ----

    /**
     * Records that a transition with these actions (as text, distinct) begins.
     *
     * @return the transition's id, increasing over the journal's life
     * @throws IllegalStateException if a transition is in flight: {@link #endTransition()} it first
     */
    public long beginTransition(List<String> actions) {
        return begin(actions, false);
    }

    /**
     * Ends the transition in flight, if any, and begins one with these actions, in one commit: after a crash the
     * journal holds either the old transition or the new one.
     *
     * @return the new transition's id
     */
    public long replaceTransition(List<String> actions) {
        return begin(actions, true);
    }

    private long begin(List<String> actions, boolean endingAny) {
        List<String> copy = List.copyOf(actions);
        copy.forEach(a -> Fields.requireName("action", a));
        if (new HashSet<>(copy).size() != copy.size()) {
            throw new IllegalArgumentException("a transition's actions must be distinct: " + copy);
        }
        Instant started = options.clock().instant();
        return change(() -> {
            if (endingAny) {
                endNow();
            }
            Optional<TransitionRecord> current = readTransition();
            if (current.isPresent()) {
                throw new IllegalStateException("transition " + current.get().id() + " begun at "
                        + current.get().started() + " is still in flight: end it first");
            }
            String last = transition.get(LAST_ID);
            long id = last == null ? 1 : decode(TRANSITION, LAST_ID, () -> Long.parseLong(last)) + 1;
            transition.put(LAST_ID, Long.toString(id));
            transition.put(CURRENT, Codec.encodeTransition(id, started, copy));
            return id;
        });
    }

    /**
     * Records that an action of the transition in flight completed. Completing an action again
     * replaces its outcome.
     *
     * @throws IllegalStateException if no transition is in flight
     * @throws IllegalArgumentException if the action is not one of its actions
     */
    public void actionCompleted(String action, boolean ok) {
        Objects.requireNonNull(action, "action");
        actionsCompleted(List.of(action), ok);
    }

    /**
     * Records that these actions of the transition in flight completed, all with the same outcome, in one commit:
     * after a crash all of them are recorded or none.
     *
     * @throws IllegalStateException if no transition is in flight
     * @throws IllegalArgumentException if an action is not one of its actions (then none is recorded)
     */
    public void actionsCompleted(List<String> actions, boolean ok) {
        List<String> copy = List.copyOf(actions);
        change(() -> {
            TransitionRecord current = readTransition().orElseThrow(() -> new IllegalStateException(
                    "no transition in flight (completed: " + String.join(", ", copy) + ")"));
            for (String action : copy) {
                int index = current.actions().indexOf(action);
                if (index < 0) {
                    throw new IllegalArgumentException("'" + action + "' is not an action of transition "
                            + current.id() + ": " + current.actions());
                }
                transition.put(doneKey(index), Codec.encodeCompletion(ok));
            }
            return null;
        });
    }

    /** Records that the transition in flight ended; does nothing if none is. */
    public void endTransition() {
        change(() -> {
            endNow();
            return null;
        });
    }

    private void endNow() {
        for (String key : new ArrayList<>(transition.keySet())) {
            if (!key.equals(LAST_ID)) {
                transition.remove(key);
            }
        }
    }

    /** The transition begun and not ended, with the actions that completed: what the manager was doing. */
    public Optional<TransitionRecord> transitionInFlight() {
        return call(this::readTransition);
    }

    /** Closes the file. Every recorded change was already durable; closing writes nothing that matters. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            call(() -> {
                storeClosed = true;
                try {
                    store.close();
                } catch (RuntimeException e) {
                    store.closeImmediately();
                    throw e;
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("closing journal {} failed (what was recorded is durable already): {}", file, e.getMessage());
        } finally {
            closed = true;
            io.shutdown();
        }
    }

    @Override
    public String toString() {
        return "journal " + file;
    }

    // ---- opening ----

    private static Journal start(Path file, Options options, Path movedAside) {
        Objects.requireNonNull(options, "options");
        Journal journal = new Journal(file, options, movedAside);
        try {
            journal.call(journal::load);
            LOG.info("journal {} opened", file);
            return journal;
        } catch (RuntimeException | Error e) {
            journal.closed = true;
            journal.io.shutdown();
            throw e;
        }
    }

    private boolean isEmpty(Path file) {
        try {
            return Files.size(file) == 0;
        } catch (IOException e) {
            throw failure(Problem.UNREADABLE, "cannot read the size of journal file " + file + ": " + e, e);
        }
    }

    private Void load() {
        boolean existed = Files.exists(file);
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw failure(Problem.UNREADABLE, "cannot create the directory of journal file " + file + ": " + e, e);
        }
        if (existed && !Files.isRegularFile(file)) {
            throw failure(Problem.UNREADABLE, "journal file " + file + " is not a regular file", null);
        }
        if (existed && isEmpty(file)) {
            throw failure(Problem.CORRUPT, "journal file " + file + " is empty (zero length): what it held is lost",
                    null);
        }
        try {
            // No background writer: every write happens on this thread, in the caller's commit.
            store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
            // Chunks nothing refers to any more may be reused at the next commit, instead of after
            // the default 45 s meant for unsynced writes: each commit is synced before the next one
            // begins, so the newest acknowledged chunk never refers to a reused one. With the
            // default, a burst of commits grows the file by ~20 KiB each for 45 s (600 MiB for 30,000).
            store.setRetentionTime(0);
        } catch (MVStoreException e) {
            throw openFailure(e);
        } catch (RuntimeException e) {
            throw failure(Problem.CORRUPT, "journal file " + file + " is corrupt: " + e, e);
        }
        try {
            if (store.isReadOnly()) {
                throw failure(Problem.UNREADABLE, "journal file " + file + " is not writable", null);
            }
            checkNothingDurableWasDropped();
            MVMap.Builder<String, String> builder = new MVMap.Builder<String, String>()
                    .keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE);
            meta = store.openMap(META, builder);
            failures = store.openMap(FAILURES, builder);
            fences = store.openMap(FENCES, builder);
            operations = store.openMap(OPERATIONS, builder);
            flags = store.openMap(FLAGS, builder);
            transition = store.openMap(TRANSITION, builder);
            retired = store.openMap(RETIRED, builder);
            String format = meta.get(FORMAT_KEY);
            if (format == null) {
                if (!isBlank()) {
                    throw failure(Problem.CORRUPT, "journal file " + file
                            + " is corrupt or not a Basket journal: it has data but no format marker (maps "
                            + store.getMapNames() + ")", null);
                }
                meta.put(FORMAT_KEY, Integer.toString(FORMAT));
                meta.put("created", options.clock().instant().toString());
                durable();
                if (!existed) {
                    syncDirectory(file.getParent());
                }
            } else {
                checkFormat(format);
            }
            validate();
            trim(operations, options.operationLimit());
            trim(fences, options.fenceLimit());
            if (store.hasUnsavedChanges()) {
                durable();
            }
            return null;
        } catch (MVStoreException e) {
            store.closeImmediately();
            throw openFailure(e);
        } catch (JournalException e) {
            store.closeImmediately();
            throw e;
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw failure(Problem.CORRUPT, "journal file " + file + " is corrupt: " + e, e);
        }
    }

    /**
     * MVStore opens a damaged file at the newest chunk it can still read, silently dropping every
     * later commit. Its file header records the version of the newest chunk when it was written (on
     * close, marked clean, and every few commits). Each commit is synced before the next begins, so
     * after a crash only the commit in flight may be missing, and after a clean close none: a header
     * newer than that means acknowledged changes are gone. (Damage that leaves the header older than
     * the lost chunks cannot be told from a crash by this check.)
     */
    private void checkNothingDurableWasDropped() {
        Map<String, Object> header = store.getStoreHeader();
        long version = DataUtils.readHexLong(header, "version", 0);
        boolean clean = DataUtils.readHexLong(header, "clean", 0) != 0;
        long readable = store.getCurrentVersion();
        if (version > readable + (clean ? 0 : 1)) {
            throw failure(Problem.CORRUPT, "journal file " + file + " is corrupt: its header records version "
                    + version + (clean ? " at a clean close" : "") + " but the newest readable version is "
                    + readable + " (the changes in between are damaged)", null);
        }
    }

    private boolean isBlank() {
        return MAPS.containsAll(store.getMapNames()) && meta.isEmpty() && failures.isEmpty() && fences.isEmpty()
                && operations.isEmpty() && flags.isEmpty() && transition.isEmpty() && retired.isEmpty();
    }

    private void checkFormat(String format) {
        int value;
        try {
            value = Integer.parseInt(format);
        } catch (NumberFormatException e) {
            throw failure(Problem.CORRUPT, "journal file " + file + " is corrupt: format marker '" + format + "'", e);
        }
        if (value > FORMAT) {
            throw failure(Problem.UNSUPPORTED_FORMAT, "journal file " + file + " has format " + value
                    + ", written by a newer Basket; this one reads format " + FORMAT + " and older", null);
        }
    }

    /** Decodes every record, so that a journal that opened is wholly readable. */
    private void validate() {
        failures.forEach((key, value) -> decode(FAILURES, key, () -> Codec.decodeFailure(key, value)));
        validateHistory(fences, FENCES, Codec::decodeFence);
        validateHistory(operations, OPERATIONS, Codec::decodeOperation);
        flags.forEach((key, value) -> decode(FLAGS, key, () -> Codec.decodeFlag(key, value)));
        for (String key : transition.keySet()) {
            if (!key.equals(LAST_ID) && !key.equals(CURRENT) && !key.startsWith(DONE)) {
                throw failure(Problem.CORRUPT, "journal file " + file + " is corrupt: unknown key '" + key
                        + "' in map '" + TRANSITION + "'", null);
            }
        }
        String last = transition.get(LAST_ID);
        if (last != null) {
            decode(TRANSITION, LAST_ID, () -> Long.parseLong(last));
        }
        readTransition();
    }

    private void validateHistory(MVMap<String, String> map, String name, Function<String, ?> decoder) {
        map.forEach((key, value) -> {
            decode(name, key, () -> {
                if (!key.matches("[0-9]{19}")) {
                    throw new IllegalArgumentException("not a sequence number");
                }
                return decoder.apply(value);
            });
        });
    }

    private JournalException openFailure(MVStoreException e) {
        switch (e.getErrorCode()) {
            case DataUtils.ERROR_FILE_LOCKED:
                return failure(Problem.LOCKED, "journal file " + file + " is locked: another process or journal "
                        + "has it open (is another manager running on this data directory?): " + e.getMessage(), e);
            case DataUtils.ERROR_UNSUPPORTED_FORMAT:
                return failure(Problem.UNSUPPORTED_FORMAT, "journal file " + file + " has a format this H2 "
                        + "MVStore cannot read: " + e.getMessage(), e);
            case DataUtils.ERROR_READING_FAILED:
                boolean damaged = e.getCause() == null || e.getCause() instanceof EOFException;
                return failure(damaged ? Problem.CORRUPT : Problem.UNREADABLE, "journal file " + file
                        + (damaged ? " is corrupt (truncated): " : " cannot be read: ") + e.getMessage(), e);
            case DataUtils.ERROR_WRITING_FAILED:
                return failure(Problem.UNREADABLE, "journal file " + file + " cannot be written: " + e.getMessage(), e);
            default:
                return failure(Problem.CORRUPT, "journal file " + file + " is corrupt: " + e.getMessage(), e);
        }
    }

    private static Path moveAside(Path file, Clock clock, JournalException cause) {
        String stamp = ASIDE_STAMP.format(clock.instant());
        Path target = file.resolveSibling(file.getFileName() + ".corrupt-" + stamp);
        for (int n = 2; Files.exists(target); n++) {
            target = file.resolveSibling(file.getFileName() + ".corrupt-" + stamp + "-" + n);
        }
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            JournalException failed = new JournalException(file, Problem.UNREADABLE, "journal file " + file
                    + " is corrupt and could not be moved aside to " + target + ": " + e, e);
            failed.addSuppressed(cause);
            throw failed;
        }
        syncDirectory(file.getParent());
        return target;
    }

    /** Makes a created or renamed directory entry durable (best effort: not every platform can). */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not sync directory {}: {}", directory, e.toString());
        }
    }

    // ---- io thread helpers ----

    /** Runs a change and makes it durable before returning; a change that fails leaves nothing behind. */
    private <T> T change(Supplier<T> change) {
        return call(() -> {
            try {
                T result = change.get();
                durable();
                if (++changesSinceCompaction >= COMPACT_EVERY) {
                    changesSinceCompaction = 0;
                    compact();
                }
                return result;
            } catch (RuntimeException | Error e) {
                if (!store.isClosed()) {
                    try {
                        store.rollback();
                    } catch (RuntimeException rollback) {
                        e.addSuppressed(rollback);
                    }
                }
                throw e;
            }
        });
    }

    /**
     * Rewrites the live pages of chunks less than 80% full (at most 1 MiB), so that their space can
     * be reused. Without MVStore's background thread nothing else does. The caller's change is
     * durable already: a failure here is only logged.
     */
    private void compact() {
        try {
            if (store.compact(80, 1 << 20)) {
                durable();
            }
        } catch (RuntimeException e) {
            LOG.warn("journal {}: compaction failed: {}", file, e.toString());
        }
    }

    /**
     * commit() writes the changed pages as a new chunk and returns once it is written; sync() then
     * forces it to the device (FileChannel.force(true)), so an acknowledged change survives a crash of
     * the process and of the machine.
     */
    private void durable() {
        store.commit();
        if (store.hasUnsavedChanges()) {
            throw failure(Problem.WRITE_FAILED, "journal file " + file + ": the commit left changes unsaved", null);
        }
        store.sync();
    }

    private String append(MVMap<String, String> map, String value, int limit) {
        String last = map.lastKey();
        long next = last == null ? 1 : Long.parseLong(last) + 1;
        String key = String.format("%019d", next);
        map.put(key, value);
        trim(map, limit);
        return key;
    }

    private Void replace(MVMap<String, String> map, List<String> values, int limit) {
        map.clear();
        values.subList(Math.max(0, values.size() - limit), values.size()).forEach(v -> append(map, v, limit));
        return null;
    }

    private static void trim(MVMap<String, String> map, int limit) {
        while (map.sizeAsLong() > limit) {
            map.remove(map.firstKey());
        }
    }

    private <T> List<T> last(MVMap<String, String> map, String name, int max,
                             Function<String, T> decoder) {
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative: " + max);
        }
        List<T> records = new ArrayList<>();
        String last = map.lastKey();
        if (last != null) {
            for (Iterator<String> it = map.keyIteratorReverse(last); it.hasNext() && records.size() < max; ) {
                String key = it.next();
                String value = map.get(key);
                records.add(decode(name, key, () -> decoder.apply(value)));
            }
        }
        Collections.reverse(records);
        return List.copyOf(records);
    }

    private Optional<TransitionRecord> readTransition() {
        String head = transition.get(CURRENT);
        Map<String, Boolean> completed = new LinkedHashMap<>();
        if (head == null) {
            if (transition.keySet().stream().anyMatch(k -> k.startsWith(DONE))) {
                throw failure(Problem.CORRUPT, "journal file " + file
                        + " is corrupt: completed actions recorded without a transition", null);
            }
            return Optional.empty();
        }
        Codec.TransitionHead t = decode(TRANSITION, CURRENT, () -> Codec.decodeTransition(head));
        for (Iterator<String> it = transition.keyIterator(DONE); it.hasNext(); ) {
            String key = it.next();
            if (!key.startsWith(DONE)) {
                break;
            }
            String value = transition.get(key);
            decode(TRANSITION, key, () -> {
                int index = Integer.parseInt(key.substring(DONE.length()));
                if (index < 0 || index >= t.actions().size() || !key.equals(doneKey(index))) {
                    throw new IllegalArgumentException("no action " + index);
                }
                completed.put(t.actions().get(index), Codec.decodeCompletion(value));
                return null;
            });
        }
        return Optional.of(new TransitionRecord(t.id(), t.started(), t.actions(), completed));
    }

    private static String doneKey(int index) {
        return DONE + String.format("%06d", index);
    }

    private <T> T decode(String map, String key, Supplier<T> decoder) {
        try {
            return decoder.get();
        } catch (Codec.Unsupported e) {
            throw failure(Problem.UNSUPPORTED_FORMAT, "journal file " + file + ": map '" + map + "' key '" + key
                    + "' has " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw failure(Problem.CORRUPT, "journal file " + file + " is corrupt: map '" + map + "' key '" + key
                    + "': " + e.getMessage(), e);
        }
    }

    private JournalException failure(Problem problem, String message, Throwable cause) {
        return new JournalException(file, problem, message, cause);
    }

    /**
     * Runs the task on the journal's thread and waits for it without being interruptible (the
     * caller's interrupt status is kept). Exceptions are thrown again in the caller's thread.
     */
    private <T> T call(Callable<T> task) {
        if (closed) {
            throw closedFailure();
        }
        Future<T> future;
        try {
            future = io.submit(() -> {
                if (storeClosed) {
                    throw closedFailure();
                }
                return task.call();
            });
        } catch (RejectedExecutionException e) {
            throw closedFailure();
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw rethrown(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private JournalException closedFailure() {
        return failure(Problem.CLOSED, "journal file " + file + " is closed", null);
    }

    /** The exception to throw in the caller's thread, with the journal thread's one as its cause. */
    private RuntimeException rethrown(Throwable t) {
        if (t instanceof Error error) {
            throw error;
        }
        if (t instanceof JournalException e) {
            return failure(e.problem(), e.getMessage(), e);
        }
        if (t instanceof MVStoreException e) {
            int code = e.getErrorCode();
            Problem problem = code == DataUtils.ERROR_FILE_CORRUPT || code == DataUtils.ERROR_CHUNK_NOT_FOUND
                    || code == DataUtils.ERROR_BLOCK_NOT_FOUND ? Problem.CORRUPT
                    : code == DataUtils.ERROR_READING_FAILED ? Problem.UNREADABLE : Problem.WRITE_FAILED;
            return failure(problem, "journal file " + file + ": " + e.getMessage(), e);
        }
        if (t instanceof IllegalStateException) {
            return new IllegalStateException(t.getMessage(), t);
        }
        if (t instanceof IllegalArgumentException) {
            return new IllegalArgumentException(t.getMessage(), t);
        }
        return failure(Problem.WRITE_FAILED, "journal file " + file + ": " + t, t);
    }
}

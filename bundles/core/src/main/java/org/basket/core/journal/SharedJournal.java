package org.basket.core.journal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.basket.api.coordination.CoordinationException;
import org.basket.api.coordination.SharedState;

/**
 * What several managers share of the journal, in the coordination's {@link SharedState}: the fail counts (one key per
 * resource), the flags, the transition in flight, the hosts fenced and not heard from since, and the fencing and
 * operation history (bounded: {@link SharedHistory}), each written conditional on the epoch this manager leads in, so
 * that a deposed leader's write fails. The same versioned encodings as the local journal ({@link Codec}).
 */
public final class SharedJournal {
    static final String FAILURES = "journal/failures/";
    static final String FLAGS = "journal/flags";
    static final String TRANSITION = "journal/transition";
    static final String RETIRED = "journal/retired";
    static final String EVENT_IDS = "journal/event-ids";
    static final String CONFIG_HASH = "journal/config-hash";
    static final String FENCED = "journal/fenced";
    static final String FENCES = "journal/fences/";
    static final String OPERATIONS = "journal/operations/";
    /** Bounds of the histories: keys, records kept per host, bytes per key. */
    static final int FENCE_BUCKETS = 16;
    static final int OPERATION_BUCKETS = 256;
    public static final int PER_HOST = 10;
    static final int BUCKET_BYTES = 32 * 1024;
    /** Written once by the first leader that shares its journal: from then on the shared copy is the one in force. */
    static final String STARTED = "journal/started";

    private final SharedState state;
    private final long epoch;
    private final SharedHistory<FenceRecord> fences;
    private final SharedHistory<OperationRecord> operations;
    /** What {@link #FENCED} holds, once read or written in this epoch. */
    private Map<String, String> fenced;

    public SharedJournal(SharedState state, long epoch) {
        this.state = state;
        this.epoch = epoch;
        this.fences = new SharedHistory<>(state, epoch, FENCES, FENCE_BUCKETS, PER_HOST, BUCKET_BYTES, FenceRecord::host,
                FenceRecord::time, Codec::encodeFence, Codec::decodeFence);
        this.operations = new SharedHistory<>(state, epoch, OPERATIONS, OPERATION_BUCKETS, PER_HOST, BUCKET_BYTES,
                OperationRecord::host, OperationRecord::started, Codec::encodeOperation, Codec::decodeOperation);
    }

    public long epoch() {
        return epoch;
    }

    /** Whether a leader shared its journal before: if not, this manager's own is the one to share. */
    public boolean started() throws CoordinationException {
        return state.read(STARTED).isPresent();
    }

    /** Shares the whole of a journal: the first leader's. */
    public void start(Journal journal) throws CoordinationException {
        Map<String, List<FailureRecord>> byResource = new HashMap<>();
        journal.failures().forEach(f -> byResource.computeIfAbsent(f.resource(), r -> new ArrayList<>()).add(f));
        for (Map.Entry<String, List<FailureRecord>> entry : byResource.entrySet()) {
            failures(entry.getKey(), entry.getValue());
        }
        flags(journal.flags());
        transition(journal.transitionInFlight());
        retired(journal.retired());
        fences.addAll(journal.fenceHistory(Integer.MAX_VALUE).stream().map(SharedJournal::oneLine).toList());
        operations.addAll(journal.operations(Integer.MAX_VALUE).stream().map(SharedJournal::oneLine).toList());
        long unused = journal.reserveEventIds(1) + 1;
        long next = state.reserve(epoch, EVENT_IDS, 1) + 1;
        while (next < unused) {
            int count = (int) Math.min(Integer.MAX_VALUE, unused - next);
            next = state.reserve(epoch, EVENT_IDS, count) + count;
        }
        state.write(epoch, STARTED, bytes("1"));
    }

    /** Replaces the resource's failures (none: removed). */
    public void failures(String resource, List<FailureRecord> records) throws CoordinationException {
        String key = FAILURES + escape(resource);
        if (records.isEmpty()) {
            state.delete(epoch, key);
            return;
        }
        List<String> lines = new ArrayList<>();
        records.forEach(r -> lines.add(Codec.failureKey(r.resource(), r.host()) + "=" + Codec.encodeFailure(r)));
        state.write(epoch, key, bytes(String.join("\n", lines)));
    }

    public void flags(Set<Flag> flags) throws CoordinationException {
        List<String> lines = new ArrayList<>();
        flags.forEach(flag -> lines.add(Codec.flagKey(flag)));
        state.write(epoch, FLAGS, bytes(String.join("\n", lines)));
    }

    public void transition(Optional<TransitionRecord> transition) throws CoordinationException {
        if (transition.isEmpty()) {
            state.delete(epoch, TRANSITION);
            return;
        }
        TransitionRecord t = transition.get();
        List<String> lines = new ArrayList<>(List.of(Codec.encodeTransition(t.id(), t.started(), t.actions())));
        t.completed().forEach((action, ok) -> lines.add(t.actions().indexOf(action) + "=" + Codec.encodeCompletion(ok)));
        state.write(epoch, TRANSITION, bytes(String.join("\n", lines)));
    }

    /**
     * Reserves the next {@code count} event ids of the managers, the first leader's counter having started after every
     * id its own journal handed out: events of a later leader number above an earlier one's.
     *
     * @return the first of them
     */
    public long reserveEventIds(int count) throws CoordinationException {
        return state.reserve(epoch, EVENT_IDS, count);
    }

    /** The digest of the definitions the leader acts on ({@code ConfigHash}), for the others to compare theirs with. */
    public void configHash(String hash) throws CoordinationException {
        state.write(epoch, CONFIG_HASH, bytes(hash));
    }

    /** What the leader last said it acts on, if it did. */
    public Optional<String> configHash() throws CoordinationException {
        return state.read(CONFIG_HASH).map(value -> new String(value, StandardCharsets.UTF_8));
    }

    /** Adds a fence to the shared history; a successful one also marks the host fenced ({@link #fenced()}). */
    public void fence(FenceRecord record) throws CoordinationException {
        fences.add(oneLine(record));
        if (record.outcome() == Outcome.SUCCEEDED && !record.device().equals(fenced().get(record.host()))) {
            Map<String, String> now = new TreeMap<>(fenced());
            now.put(record.host(), record.device());
            fenced(now);
        }
    }

    /** Adds an operation to the shared history. */
    public void operation(OperationRecord record) throws CoordinationException {
        operations.add(oneLine(record));
    }

    /** The fences kept, oldest first: the last {@link #PER_HOST} of each host, within the history's bounds. */
    public List<FenceRecord> fenceHistory() throws CoordinationException {
        return fences.all();
    }

    /** The operations kept, oldest first: the last {@link #PER_HOST} on each host, within the history's bounds. */
    public List<OperationRecord> operations() throws CoordinationException {
        return operations.all();
    }

    /**
     * Replaces the hosts fenced and not heard from since, each with what fenced it: a new leader takes them as off. A
     * host that answers again must leave this set before the leader acts on anything.
     */
    public void fenced(Map<String, String> byHost) throws CoordinationException {
        if (byHost.equals(fenced)) {
            return;
        }
        List<String> lines = new ArrayList<>();
        new TreeMap<>(byHost).forEach((host, by) -> lines.add(Fields.join(host, by)));
        state.write(epoch, FENCED, bytes(String.join("\n", lines)));
        fenced = Map.copyOf(byHost);
    }

    /** The hosts fenced and not heard from since, with what fenced them. */
    public Map<String, String> fenced() throws CoordinationException {
        if (fenced == null) {
            Map<String, String> byHost = new TreeMap<>();
            Optional<byte[]> value = state.read(FENCED);
            if (value.isPresent()) {
                for (String line : lines(value.get())) {
                    List<String> fields = decoded(FENCED, () -> Codec.fields(line, 2, false));
                    byHost.put(fields.get(0), fields.get(1));
                }
            }
            fenced = Map.copyOf(byHost);
        }
        return fenced;
    }

    private static FenceRecord oneLine(FenceRecord r) {
        return new FenceRecord(r.host(), SharedHistory.oneLine(r.device()), r.outcome(), r.time(),
                SharedHistory.oneLine(r.detail()));
    }

    private static OperationRecord oneLine(OperationRecord r) {
        return new OperationRecord(SharedHistory.oneLine(r.action()), r.host(), r.started(), r.duration(), r.result(),
                SharedHistory.oneLine(r.message()));
    }

    /** Replaces the resources no longer configured that may still run, by domain. */
    public void retired(Map<String, String> byDomain) throws CoordinationException {
        List<String> lines = new ArrayList<>();
        byDomain.forEach((domain, resource) -> lines.add(Fields.join(domain, resource)));
        state.write(epoch, RETIRED, bytes(String.join("\n", lines)));
    }

    public Map<String, String> retired() throws CoordinationException {
        Map<String, String> byDomain = new TreeMap<>();
        Optional<byte[]> value = state.read(RETIRED);
        if (value.isPresent()) {
            for (String line : lines(value.get())) {
                List<String> fields = decoded(RETIRED, () -> Codec.fields(line, 2, false));
                byDomain.put(fields.get(0), fields.get(1));
            }
        }
        return byDomain;
    }

    public List<FailureRecord> failures() throws CoordinationException {
        List<FailureRecord> all = new ArrayList<>();
        for (Map.Entry<String, byte[]> entry : state.readAll(FAILURES).entrySet()) {
            for (String line : lines(entry.getValue())) {
                int eq = line.lastIndexOf('=');
                all.add(decoded(entry.getKey(), () -> Codec.decodeFailure(line.substring(0, eq), line.substring(eq + 1))));
            }
        }
        return all;
    }

    public Set<Flag> flags() throws CoordinationException {
        Set<Flag> flags = new TreeSet<>();
        Optional<byte[]> value = state.read(FLAGS);
        if (value.isPresent()) {
            for (String line : lines(value.get())) {
                flags.add(decoded(FLAGS, () -> Codec.decodeFlag(line, Codec.V1)));
            }
        }
        return flags;
    }

    public Optional<TransitionRecord> transition() throws CoordinationException {
        Optional<byte[]> value = state.read(TRANSITION);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        List<String> lines = lines(value.get());
        return Optional.of(decoded(TRANSITION, () -> {
            Codec.TransitionHead head = Codec.decodeTransition(lines.get(0));
            Map<String, Boolean> completed = new LinkedHashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                int eq = line.indexOf('=');
                completed.put(head.actions().get(Integer.parseInt(line.substring(0, eq))),
                        Codec.decodeCompletion(line.substring(eq + 1)));
            }
            return new TransitionRecord(head.id(), head.started(), head.actions(), completed);
        }));
    }

    /** A resource name as a key: the characters keys may not hold as {@code @xx}. */
    static String escape(String name) {
        StringBuilder key = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && c != '@' && c != '/' && (Character.isLetterOrDigit(c) || "._:-".indexOf(c) >= 0)) {
                key.append(c);
            } else {
                key.append('@').append(String.format("%02x", b & 0xff));
            }
        }
        return key.toString();
    }

    private interface Decoding<T> {
        T get();
    }

    private static <T> T decoded(String key, Decoding<T> decoding) throws CoordinationException {
        try {
            return decoding.get();
        } catch (RuntimeException e) {
            throw new CoordinationException("shared journal key " + key + " is corrupt: " + e.getMessage(), e);
        }
    }

    private static List<String> lines(byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

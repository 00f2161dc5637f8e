package org.basket.core.journal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import org.basket.api.coordination.CoordinationException;
import org.basket.api.coordination.SharedState;

/**
 * One history (fences or operations) in the shared state, bounded whatever happens: the records are spread over a fixed
 * number of keys by host ({@code prefix + bucket}); each key keeps the last {@code perHost} records of each of its
 * hosts and at most {@code bucketBytes}, dropping its oldest records beyond. Each record written replaces its one key,
 * conditional on the epoch. The leader is the only writer of its epoch, so what it read once stays true in between.
 *
 * @param <R> the record
 */
final class SharedHistory<R> {
    /** One record's free text (a failure's message) is cut to this many characters, on one line. */
    static final int MAX_TEXT = 500;

    private final SharedState state;
    private final long epoch;
    private final String prefix;
    private final int buckets;
    private final int perHost;
    private final int bucketBytes;
    private final Function<R, String> host;
    private final Function<R, Instant> time;
    private final Function<R, String> encode;
    private final Function<String, R> decode;
    /** The records of each bucket read or written so far, by host, oldest first. */
    private final Map<Integer, Map<String, Deque<R>>> cache = new HashMap<>();

    SharedHistory(SharedState state, long epoch, String prefix, int buckets, int perHost, int bucketBytes,
            Function<R, String> host, Function<R, Instant> time, Function<R, String> encode, Function<String, R> decode) {
        this.state = state;
        this.epoch = epoch;
        this.prefix = prefix;
        this.buckets = buckets;
        this.perHost = perHost;
        this.bucketBytes = bucketBytes;
        this.host = host;
        this.time = time;
        this.encode = encode;
        this.decode = decode;
    }

    /** Adds a record: its bucket is written whole, the oldest records beyond the bounds dropped. */
    void add(R record) throws CoordinationException {
        int bucket = bucketOf(host.apply(record));
        Map<String, Deque<R>> records = copy(read(bucket));
        append(records, record);
        write(bucket, records);
    }

    /** Adds many records at once (the first leader's own history), each bucket written once. */
    void addAll(List<R> history) throws CoordinationException {
        Map<Integer, Map<String, Deque<R>>> changed = new TreeMap<>();
        for (R record : history) {
            int bucket = bucketOf(host.apply(record));
            Map<String, Deque<R>> records = changed.get(bucket);
            if (records == null) {
                records = copy(read(bucket));
                changed.put(bucket, records);
            }
            append(records, record);
        }
        for (Map.Entry<Integer, Map<String, Deque<R>>> entry : changed.entrySet()) {
            write(entry.getKey(), entry.getValue());
        }
    }

    /** Every record kept, oldest first. */
    List<R> all() throws CoordinationException {
        List<R> all = new ArrayList<>();
        for (Map.Entry<String, byte[]> entry : state.readAll(prefix).entrySet()) {
            all.addAll(decoded(entry.getKey(), entry.getValue()));
        }
        all.sort(Comparator.comparing(time));
        return all;
    }

    private void append(Map<String, Deque<R>> records, R record) {
        Deque<R> ofHost = records.computeIfAbsent(host.apply(record), h -> new ArrayDeque<>());
        ofHost.addLast(record);
        while (ofHost.size() > perHost) {
            ofHost.removeFirst();
        }
        int bytes = encoded(records).getBytes(StandardCharsets.UTF_8).length;
        while (bytes > bucketBytes) {
            Deque<R> oldest = records.values().stream()
                    .min(Comparator.comparing((Deque<R> d) -> time.apply(d.peekFirst()))).orElseThrow();
            bytes -= encode.apply(oldest.removeFirst()).getBytes(StandardCharsets.UTF_8).length + 1;
            records.values().removeIf(Deque::isEmpty);
        }
    }

    private void write(int bucket, Map<String, Deque<R>> records) throws CoordinationException {
        state.write(epoch, key(bucket), encoded(records).getBytes(StandardCharsets.UTF_8));
        cache.put(bucket, records);
    }

    private Map<String, Deque<R>> read(int bucket) throws CoordinationException {
        Map<String, Deque<R>> records = cache.get(bucket);
        if (records == null) {
            records = new TreeMap<>();
            Optional<byte[]> value = state.read(key(bucket));
            if (value.isPresent()) {
                for (R record : decoded(key(bucket), value.get())) {
                    records.computeIfAbsent(host.apply(record), h -> new ArrayDeque<>()).addLast(record);
                }
            }
            cache.put(bucket, records);
        }
        return records;
    }

    private List<R> decoded(String key, byte[] value) throws CoordinationException {
        List<R> records = new ArrayList<>();
        String text = new String(value, StandardCharsets.UTF_8);
        for (String line : text.isEmpty() ? List.<String>of() : List.of(text.split("\n"))) {
            try {
                records.add(decode.apply(line));
            } catch (RuntimeException e) {
                throw new CoordinationException("shared journal key " + key + " is corrupt: " + e.getMessage(), e);
            }
        }
        return records;
    }

    private String encoded(Map<String, Deque<R>> records) {
        List<String> lines = new ArrayList<>();
        records.values().forEach(d -> d.forEach(r -> lines.add(encode.apply(r))));
        return String.join("\n", lines);
    }

    private static <R> Map<String, Deque<R>> copy(Map<String, Deque<R>> records) {
        Map<String, Deque<R>> copy = new TreeMap<>();
        records.forEach((h, d) -> copy.put(h, new ArrayDeque<>(d)));
        return copy;
    }

    private int bucketOf(String name) {
        return Math.floorMod(name.hashCode(), buckets);
    }

    private String key(int bucket) {
        return prefix + bucket;
    }

    /** Free text as one line of at most {@link #MAX_TEXT} characters. */
    static String oneLine(String text) {
        String line = text.replace('\n', ' ').replace('\r', ' ');
        return line.length() <= MAX_TEXT ? line : line.substring(0, MAX_TEXT - 3) + "...";
    }
}

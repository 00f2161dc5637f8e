package org.basket.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.basket.api.cluster.History;
import org.basket.api.coordination.CoordinationException;
import org.basket.api.coordination.SharedState;
import org.basket.api.model.ClusterConfig;
import org.basket.core.journal.FenceRecord;
import org.basket.core.journal.OperationRecord;
import org.basket.core.journal.SharedJournal;

/**
 * {@code ha:history}: the fencing and operation history, filtered by host and resource and cut to a limit. The journal
 * keeps an operation's action as the scheduler wrote it ({@code start R on H}, {@code stop R on H},
 * {@code monitor R on H}, {@code migrate R from A to B}, {@code fence H}); its resource and the hosts it touched are read
 * back from those words.
 */
final class HistoryQuery {
    static final int MAX_DETAIL = 500;
    private final String source;
    private final List<History.Entry> entries;

    /**
     * The history where this manager has it: while it does not act and the managers' shared state is bound, what the
     * leader shared; otherwise (leading, or alone) its own journal, which a leader shares before acting.
     */
    static HistoryQuery of(Durable durable, Optional<SharedState> leaders) {
        String own = "this manager's journal";
        if (leaders.isPresent()) {
            try {
                SharedJournal shared = new SharedJournal(leaders.get(), 0);
                return new HistoryQuery("what the leader shared (the last " + SharedJournal.PER_HOST
                        + " records of each host)", shared.fenceHistory(), shared.operations());
            } catch (CoordinationException | RuntimeException e) {
                own = "this manager's own journal, as this manager does not lead and what the leader shared cannot be "
                        + "read (" + e.getMessage() + ")";
            }
        }
        if (!durable.keeps()) {
            return new HistoryQuery("no journal: this manager keeps no history", List.of(), List.of());
        }
        Optional<String> fault = durable.fault();
        if (fault.isPresent()) {
            return new HistoryQuery("none: " + fault.get(), List.of(), List.of());
        }
        return new HistoryQuery(own, durable.fences(Integer.MAX_VALUE), durable.operations(Integer.MAX_VALUE));
    }

    /**
     * @param source     where the records were read, as the answer names it
     * @param fences     the fences, in any order
     * @param operations the operations, in any order
     */
    HistoryQuery(String source, List<FenceRecord> fences, List<OperationRecord> operations) {
        this.source = source;
        List<History.Entry> all = new ArrayList<>(fences.size() + operations.size());
        fences.forEach(f -> all.add(entry(f)));
        operations.forEach(o -> all.add(entry(o)));
        all.sort(Comparator.comparing(History.Entry::time));
        this.entries = all;
    }

    /**
     * The newest {@code limit} entries about the host and the resource (either null: any), oldest first.
     *
     * @throws IllegalArgumentException for a limit out of range, or a host or resource that is neither configured nor
     *                                  in the history
     */
    History query(String host, String resource, int limit, ClusterConfig config) {
        if (limit < 1 || limit > History.MAX_LIMIT) {
            throw new IllegalArgumentException("the limit must be from 1 to " + History.MAX_LIMIT + ", not " + limit);
        }
        Predicate<History.Entry> wanted = e -> true;
        if (host != null) {
            requireKnown("host", host, config.hosts().keySet(), e -> touches(e, host));
            wanted = wanted.and(e -> touches(e, host));
        }
        if (resource != null) {
            requireKnown("resource", resource, config.resources().keySet(), e -> e.resource().equals(resource));
            wanted = wanted.and(e -> e.resource().equals(resource));
        }
        List<History.Entry> matching = entries.stream().filter(wanted).toList();
        int from = Math.max(0, matching.size() - limit);
        return new History(source, matching.subList(from, matching.size()), from);
    }

    private void requireKnown(String what, String name, Set<String> configured, Predicate<History.Entry> about) {
        if (!configured.contains(name) && entries.stream().noneMatch(about)) {
            throw new IllegalArgumentException("unknown " + what + " '" + name + "': neither configured nor in the "
                    + "history");
        }
    }

    private static boolean touches(History.Entry entry, String host) {
        if (entry.host().equals(host)) {
            return true;
        }
        List<String> words = List.of(entry.action().split(" "));
        return words.size() == 6 && words.get(0).equals("migrate") && words.get(5).equals(host);
    }

    private static History.Entry entry(FenceRecord f) {
        return new History.Entry(History.Kind.FENCE, f.time(), f.host(), "", "fence " + f.host(), f.device(),
                History.Outcome.valueOf(f.outcome().name()), Duration.ZERO, oneLine(f.detail()));
    }

    private static History.Entry entry(OperationRecord o) {
        return new History.Entry(History.Kind.OPERATION, o.started(), o.host(), resourceOf(o.action()), o.action(), "",
                History.Outcome.valueOf(o.result().name()), o.duration(), oneLine(o.message()));
    }

    /** A failure's message as one line of at most {@link #MAX_DETAIL} characters, so that the answer stays bounded. */
    static String oneLine(String text) {
        String line = text.replace('\n', ' ').replace('\r', ' ');
        return line.length() <= MAX_DETAIL ? line : line.substring(0, MAX_DETAIL - 3) + "...";
    }

    /** The resource an action is about: the word after start, stop, monitor or migrate; none for a fence. */
    static String resourceOf(String action) {
        String[] words = action.split(" ");
        boolean onHost = words.length == 4 && words[2].equals("on")
                && (words[0].equals("start") || words[0].equals("stop") || words[0].equals("monitor"));
        boolean migrate = words.length == 6 && words[0].equals("migrate") && words[2].equals("from")
                && words[4].equals("to");
        return onHost || migrate ? words[1] : "";
    }
}

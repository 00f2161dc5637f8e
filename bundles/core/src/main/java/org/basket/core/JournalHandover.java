package org.basket.core;

import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.basket.api.cluster.EventKind;
import org.basket.api.coordination.CoordinationException;
import org.basket.api.coordination.SharedState;
import org.basket.core.journal.Flag;
import org.basket.core.journal.SharedJournal;

/**
 * A manager that leads shares its journal with the others before it acts: the first leader shares its own, a later one
 * takes over what was shared, replacing its own. One that cannot does not act; one that does not lead keeps its own.
 */
final class JournalHandover {
    private final EventLog events;
    private final HostTracker hosts;
    private final Observer observer;
    /** Replaces the flags this manager held with those of the journal it just took over. */
    private final Runnable restoreShared;
    /** Shows the flags the leader shared, on a manager that does not lead. */
    private final Consumer<Set<Flag>> showShared;
    /** The shared flags shown, or null while this manager shows its own. */
    private Set<Flag> shown;

    JournalHandover(EventLog events, HostTracker hosts, Observer observer, Runnable restoreShared,
            Consumer<Set<Flag>> showShared) {
        this.events = events;
        this.hosts = hosts;
        this.observer = observer;
        this.restoreShared = restoreShared;
        this.showShared = showShared;
    }

    /** The standing after sharing {@code durable} in its epoch, which is not leading if that failed. */
    Leadership.Standing share(Leadership.Standing standing, SharedState state, Durable durable) {
        if (!standing.leads() || state == null) {
            durable.unshare();
            if (state != null) {
                showLeaders(state);
            }
            return standing;
        }
        shown = null;
        if (durable.sharedIn(standing.epoch())) {
            return standing;
        }
        try {
            durable.share(new SharedJournal(state, standing.epoch()));
        } catch (CoordinationException e) {
            return new Leadership.Standing(false, 0, "not acting: the shared journal cannot be taken over in epoch "
                    + standing.epoch() + ": " + e.getMessage(), true);
        }
        try {
            events.skipTo(durable.sharedEventIds(ClusterManager.EVENT_IDS_PER_RUN));
        } catch (CoordinationException e) {
            durable.unshare();
            return new Leadership.Standing(false, 0, "not acting: no event ids from the shared state in epoch "
                    + standing.epoch() + ": " + e.getMessage(), true);
        }
        Map<String, String> fenced;
        try {
            fenced = durable.sharedFenced();
        } catch (CoordinationException e) {
            durable.unshare();
            return new Leadership.Standing(false, 0, "not acting: the hosts fenced before epoch " + standing.epoch()
                    + " cannot be read: " + e.getMessage(), true);
        }
        restoreShared.run();
        takeFenced(fenced);
        events.entry(EventKind.MANAGER_ROLE, "took over the shared journal in epoch " + standing.epoch() + ": "
                + durable.flags().size() + " flag(s), fail counts of " + durable.failCounts().size() + " resource(s)"
                + (fenced.isEmpty() ? "" : ", " + fenced.size() + " host(s) fenced")).info();
        return standing;
    }

    /**
     * A manager that does not lead shows the flags the leader shared (standby, maintenance), read at each turn, without
     * writing them to its own journal: it takes the shared journal over only once it leads. Unreadable, the last shown
     * stay.
     */
    private void showLeaders(SharedState state) {
        Set<Flag> flags;
        try {
            flags = new SharedJournal(state, 0).flags();
        } catch (CoordinationException | RuntimeException e) {
            return;
        }
        if (!flags.equals(shown)) {
            shown = flags;
            showShared.accept(flags);
        }
    }

    /**
     * The hosts an earlier leader fenced and nobody heard from since are off: this leader recovers their resources
     * without fencing them again. A host this manager hears from is not taken as fenced; a host fenced under no earlier
     * leader is fenced by this one before its resources are recovered.
     */
    private void takeFenced(Map<String, String> fenced) {
        fenced.forEach((host, by) -> {
            if (hosts.accountedFor(host)) {
                return;
            }
            hosts.fenced(host, by);
            observer.fenced(host);
            events.entry(EventKind.HOST_FENCED, "host " + host + " was fenced by " + by + " under the previous leader "
                    + "and has not answered since: taken as off").host(host).warn();
        });
    }
}

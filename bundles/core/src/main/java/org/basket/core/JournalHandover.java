package org.basket.core;

import org.basket.api.cluster.EventKind;
import org.basket.api.coordination.CoordinationException;
import org.basket.api.coordination.SharedState;
import org.basket.core.journal.SharedJournal;

/**
 * A manager that leads shares its journal with the others before it acts: the first leader shares its own, a later one
 * takes over what was shared, replacing its own. One that cannot does not act; one that does not lead keeps its own.
 */
final class JournalHandover {
    private final EventLog events;
    /** Replaces the flags this manager held with those of the journal it just took over. */
    private final Runnable restoreShared;

    JournalHandover(EventLog events, Runnable restoreShared) {
        this.events = events;
        this.restoreShared = restoreShared;
    }

    /** The standing after sharing {@code durable} in its epoch, which is not leading if that failed. */
    Leadership.Standing share(Leadership.Standing standing, SharedState state, Durable durable) {
        if (!standing.leads() || state == null) {
            durable.unshare();
            return standing;
        }
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
        restoreShared.run();
        events.entry(EventKind.MANAGER_ROLE, "took over the shared journal in epoch " + standing.epoch() + ": "
                + durable.flags().size() + " flag(s), fail counts of " + durable.failCounts().size() + " resource(s)")
                .info();
        return standing;
    }
}

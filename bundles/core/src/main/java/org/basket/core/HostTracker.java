package org.basket.core;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.basket.api.model.HostState;

/**
 * Derives each host's state from contact with its driver, fencing and the operator's flags. A host
 * out of contact is suspect at once and unclean after the dead timeout; only a confirmed fence makes
 * it offline.
 */
final class HostTracker {

    private static final class Track {
        boolean inContact;
        Instant lostSince;
        boolean fenced;
        boolean probed;
        boolean standby;
        boolean maintenance;
        String fencedBy = "";
        String reason = "";
    }

    private final Map<String, Track> tracks = new HashMap<>();
    private Duration deadTimeout;

    HostTracker(Duration deadTimeout) {
        this.deadTimeout = deadTimeout;
    }

    synchronized void setDeadTimeout(Duration value) {
        deadTimeout = value;
    }

    synchronized void contact(String host, Instant now) {
        Track track = track(host, now);
        track.inContact = true;
        track.probed = true;
        track.lostSince = null;
        track.fenced = false;
        track.reason = "";
    }

    /** @return whether this is news (the host was in contact until now) */
    synchronized boolean lost(String host, String reason, Instant now) {
        Track track = track(host, now);
        boolean news = track.inContact;
        if (track.inContact || track.lostSince == null) {
            track.lostSince = now;
        }
        track.inContact = false;
        track.reason = reason;
        return news;
    }

    synchronized void fenced(String host, String by) {
        Track track = tracks.computeIfAbsent(host, h -> new Track());
        track.fenced = true;
        track.probed = true;
        track.fencedBy = by;
        if (!track.inContact) {
            track.reason = "fenced by " + by;
        }
    }

    synchronized String lastFencedBy(String host) {
        Track track = tracks.get(host);
        return track == null ? "" : track.fencedBy;
    }

    /** Whether Basket knows what runs on the host: it answered since the manager started, or was fenced. */
    synchronized boolean probed(String host) {
        Track track = tracks.get(host);
        return track != null && track.probed;
    }

    synchronized void setStandby(String host, boolean standby, Instant now) {
        track(host, now).standby = standby;
    }

    synchronized void setMaintenance(String host, boolean maintenance, Instant now) {
        track(host, now).maintenance = maintenance;
    }

    synchronized HostState state(String host, boolean managed, Instant now) {
        Track track = track(host, now);
        if (!managed) {
            return HostState.UNMANAGED;
        }
        if (track.maintenance) {
            return HostState.MAINTENANCE;
        }
        if (track.inContact) {
            return track.standby ? HostState.STANDBY : HostState.ONLINE;
        }
        if (track.fenced) {
            return HostState.OFFLINE;
        }
        return now.isBefore(track.lostSince.plus(deadTimeout)) ? HostState.SUSPECT : HostState.UNCLEAN;
    }

    synchronized String reason(String host) {
        Track track = tracks.get(host);
        return track == null ? "" : track.reason;
    }

    synchronized void forget(String host) {
        tracks.remove(host);
    }

    private Track track(String host, Instant now) {
        return tracks.computeIfAbsent(host, h -> {
            Track track = new Track();
            track.lostSince = now;
            track.reason = "not contacted yet";
            return track;
        });
    }
}

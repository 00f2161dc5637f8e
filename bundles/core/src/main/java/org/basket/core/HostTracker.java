package org.basket.core;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.basket.api.model.HostState;

/**
 * Derives each host's state from contact with its driver, fencing and the operator's flags. A host
 * out of contact is suspect at once; after the dead timeout it is unclean once a second, independent
 * check confirmed it (see {@link SilentHostCheck}); only a confirmed fence makes it offline. A host where a resource's
 * stop failed (and a fence device exists) is unclean, answering or not (in maintenance: once maintenance ends), until
 * it is fenced or the operator cleans the resource up.
 */
final class HostTracker {

    private static final class Track {
        boolean inContact;
        Instant lostSince;
        boolean fenced;
        boolean probed;
        boolean standby;
        boolean maintenance;
        boolean confirmedDead;
        /** No driver serves the host: it cannot be asked, so its silence means nothing yet. */
        boolean unmanaged;
        String fencedBy = "";
        String reason = "";
        /** What the second check or fencing found out, shown instead of the last contact error. */
        String explanation = "";
        /** The resources whose stop failed here: the host must be fenced, whatever its contact. */
        final Set<String> stopsFailed = new TreeSet<>();
    }

    private final Map<String, Track> tracks = new HashMap<>();
    private Duration deadTimeout;
    private long changes;

    HostTracker(Duration deadTimeout) {
        this.deadTimeout = deadTimeout;
    }

    synchronized void setDeadTimeout(Duration value) {
        deadTimeout = value;
    }

    /** A number that grows with every change of a host's state, reason or flags. */
    synchronized long changes() {
        return changes;
    }

    synchronized void contact(String host, Instant now) {
        Track track = track(host, now);
        if (!track.inContact || !track.probed || track.fenced || track.confirmedDead || !track.reason.isEmpty()
                || !track.explanation.isEmpty()) {
            changes++;
        }
        track.inContact = true;
        track.probed = true;
        track.lostSince = null;
        track.fenced = false;
        track.confirmedDead = false;
        track.reason = "";
        track.explanation = "";
    }

    /** @return whether this is news (the host was in contact until now) */
    synchronized boolean lost(String host, String reason, Instant now) {
        Track track = track(host, now);
        boolean news = track.inContact;
        if (news || !reason.equals(track.reason)) {
            changes++;
        }
        if (track.inContact || track.lostSince == null) {
            track.lostSince = now;
        }
        track.inContact = false;
        track.reason = reason;
        return news;
    }

    /**
     * Whether a driver serves the host. A host that comes under a driver (deployed late, or back) gets the whole dead
     * timeout from then on before its silence is judged: it could not answer while nothing asked it.
     */
    synchronized void managed(String host, boolean managed, Instant now) {
        Track track = track(host, now);
        if (managed && track.unmanaged && !track.inContact) {
            track.lostSince = now;
        }
        if (track.unmanaged == managed) {
            changes++;
        }
        track.unmanaged = !managed;
    }

    /** Hosts silent beyond the dead timeout, neither fenced nor yet confirmed dead. */
    synchronized List<String> overdue(Instant now) {
        return tracks.entrySet().stream().filter(e -> isOverdue(e.getValue(), now)).map(Map.Entry::getKey).sorted()
                .toList();
    }

    /** How long until the next silent host reaches the dead timeout, if one is silent. */
    synchronized Optional<Duration> untilNextDeadline(Instant now) {
        return tracks.values().stream().filter(HostTracker::awaitsVerdict)
                .map(t -> Duration.between(now, t.lostSince.plus(deadTimeout))).filter(d -> !d.isNegative())
                .min(Duration::compareTo);
    }

    /** Whether Basket is in contact with the host or knows it is off. */
    synchronized boolean accountedFor(String host) {
        Track track = tracks.get(host);
        return track != null && (track.inContact || track.fenced);
    }

    /** The second check agrees: the host is dead or must be fenced; it becomes unclean. */
    synchronized void confirmDead(String host, String reason) {
        Track track = tracks.get(host);
        if (track != null && !track.inContact) {
            changes++;
            track.confirmedDead = true;
            track.explanation = reason;
        }
    }

    /** Why the host is out of contact, for status displays. @return whether the reason is news */
    synchronized boolean explain(String host, String reason) {
        Track track = tracks.get(host);
        if (track == null || track.inContact || reason.equals(track.explanation)) {
            return false;
        }
        track.explanation = reason;
        changes++;
        return true;
    }

    /** The resource's stop failed on the host: it must be fenced. @return whether this is news */
    synchronized boolean stopFailed(String host, String resource, Instant now) {
        boolean news = track(host, now).stopsFailed.add(resource);
        if (news) {
            changes++;
        }
        return news;
    }

    /** The operator cleaned the resource up: no host needs fencing for its stop any more. @return those that did */
    synchronized List<String> withdrawStopFailed(String resource) {
        List<String> withdrawn = tracks.entrySet().stream().filter(e -> e.getValue().stopsFailed.remove(resource))
                .map(Map.Entry::getKey).sorted().toList();
        changes += withdrawn.size();
        return withdrawn;
    }

    /** Forgets the failed stops of the host, before the flags of a shared journal are taken instead. */
    synchronized void forgetStopsFailed(String host) {
        Track track = tracks.get(host);
        if (track != null && !track.stopsFailed.isEmpty()) {
            track.stopsFailed.clear();
            changes++;
        }
    }

    /** The resources whose failed stop makes the host need fencing, sorted; empty when none. */
    synchronized List<String> stopsFailed(String host) {
        Track track = tracks.get(host);
        return track == null ? List.of() : List.copyOf(track.stopsFailed);
    }

    synchronized boolean inMaintenance(String host) {
        Track track = tracks.get(host);
        return track != null && track.maintenance;
    }

    /** Fenced or confirmed off: what ran there is gone, and so is every reason to fence it. */
    synchronized void fenced(String host, String by) {
        Track track = tracks.computeIfAbsent(host, h -> new Track());
        changes++;
        track.fenced = true;
        track.stopsFailed.clear();
        track.probed = true;
        track.fencedBy = by;
        if (!track.inContact) {
            track.explanation = "fenced by " + by;
        }
    }

    synchronized String lastFencedBy(String host) {
        Track track = tracks.get(host);
        return track == null ? "" : track.fencedBy;
    }

    /** The hosts fenced and not heard from since, with what fenced each. */
    synchronized Map<String, String> fencedHosts() {
        Map<String, String> fenced = new TreeMap<>();
        tracks.forEach((host, track) -> {
            if (track.fenced && !track.inContact) {
                fenced.put(host, track.fencedBy);
            }
        });
        return fenced;
    }

    /** Whether Basket knows what runs on the host: it answered since the manager started, or was fenced. */
    synchronized boolean probed(String host) {
        Track track = tracks.get(host);
        return track != null && track.probed;
    }

    synchronized void setStandby(String host, boolean standby, Instant now) {
        Track track = track(host, now);
        if (track.standby != standby) {
            changes++;
            track.standby = standby;
        }
    }

    synchronized void setMaintenance(String host, boolean maintenance, Instant now) {
        Track track = track(host, now);
        if (track.maintenance != maintenance) {
            changes++;
            track.maintenance = maintenance;
        }
    }

    synchronized HostState state(String host, boolean managed, Instant now) {
        Track track = track(host, now);
        if (!managed) {
            return HostState.UNMANAGED;
        }
        if (track.maintenance) {
            return HostState.MAINTENANCE;
        }
        if (!track.stopsFailed.isEmpty()) {
            return HostState.UNCLEAN;
        }
        if (track.inContact) {
            return track.standby ? HostState.STANDBY : HostState.ONLINE;
        }
        if (track.fenced) {
            return HostState.OFFLINE;
        }
        return track.confirmedDead ? HostState.UNCLEAN : HostState.SUSPECT;
    }

    private boolean isOverdue(Track track, Instant now) {
        return awaitsVerdict(track) && !now.isBefore(track.lostSince.plus(deadTimeout));
    }

    /** Silent, neither fenced nor yet judged dead or to be fenced, and not in maintenance. */
    private static boolean awaitsVerdict(Track track) {
        return !track.inContact && !track.fenced && !track.confirmedDead && !track.maintenance
                && track.stopsFailed.isEmpty();
    }

    synchronized String reason(String host) {
        Track track = tracks.get(host);
        if (track == null) {
            return "";
        }
        if (!track.stopsFailed.isEmpty()) {
            return (track.maintenance ? "in maintenance; to be fenced when it ends" : "to be fenced") + ": the stop of "
                    + String.join(", ", track.stopsFailed) + " failed on " + host;
        }
        return track.explanation.isEmpty() ? track.reason : track.explanation;
    }

    synchronized void forget(String host) {
        changes++;
        tracks.remove(host);
    }

    private Track track(String host, Instant now) {
        return tracks.computeIfAbsent(host, h -> {
            changes++;
            Track track = new Track();
            track.lostSince = now;
            track.reason = "not contacted yet";
            return track;
        });
    }
}

package org.basket.northbound.prometheus;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Recovery time, failure to restart issued: when each resource was lost (its own failure, or the first sign
 * that its host was lost), until the start of it that the manager issued next. A host that answers again
 * takes back the losses it caused; at most {@value #MAX_PENDING} losses are remembered at once.
 */
final class RecoveryClock {
    static final int MAX_PENDING = 100_000;

    /** When a resource was lost, and the host whose loss it was ("" for the resource's own failure). */
    private record Loss(Instant at, String host) {
    }

    private final Map<String, Loss> pending = new HashMap<>();

    synchronized void hostLost(String host, Instant at, Collection<String> resources) {
        resources.forEach(resource -> lost(resource, new Loss(at, host)));
    }

    synchronized void resourceFailed(String resource, Instant at) {
        lost(resource, new Loss(at, ""));
    }

    synchronized void hostBack(String host) {
        pending.values().removeIf(loss -> loss.host().equals(host));
    }

    /** The time from the resource's loss to this start, if it was lost. */
    synchronized Optional<Duration> startIssued(String resource, Instant issued) {
        Loss loss = pending.remove(resource);
        if (loss == null) {
            return Optional.empty();
        }
        Duration took = Duration.between(loss.at(), issued);
        return Optional.of(took.isNegative() ? Duration.ZERO : took);
    }

    synchronized int pending() {
        return pending.size();
    }

    private void lost(String resource, Loss loss) {
        if (pending.size() < MAX_PENDING || pending.containsKey(resource)) {
            pending.putIfAbsent(resource, loss);
        }
    }
}

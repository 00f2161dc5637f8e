package org.basket.scheduler;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.basket.api.model.Resource;
import org.basket.api.model.ResourceStatus;

/** Fail counts expire once the resource's failure timeout has passed since its last failure on that host. */
final class FailureExpiry {
    private FailureExpiry() {
    }

    /**
     * The status without the fail counts that expired at {@code now}, with a note for each. A count whose last
     * failure time is unknown never expires.
     */
    static ResourceStatus withoutExpired(Resource resource, ResourceStatus status, Instant now, List<String> notes) {
        List<String> expired = new ArrayList<>(1);
        for (Map.Entry<String, Integer> count : status.failCounts().entrySet()) {
            Instant last = status.lastFailures().get(count.getKey());
            if (last != null && !now.isBefore(last.plus(resource.failureTimeout()))) {
                expired.add(count.getKey());
                notes.add(resource.name() + ": " + count.getValue() + " failure(s) on " + count.getKey()
                        + " expired (last at " + last + ", failure timeout " + describe(resource) + "), ignored");
            }
        }
        return expired.isEmpty() ? status : status.withoutFailures(expired);
    }

    private static String describe(Resource resource) {
        return resource.failureTimeout().toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }
}

package org.basket.driver.sim;

import java.util.List;

/**
 * A domain became active on one more host while already active elsewhere: the split brain an HA
 * manager must never cause.
 *
 * @param hosts every host the domain was active on at that instant, sorted
 */
public record DoubleActiveViolation(String domain, List<String> hosts) {
    public DoubleActiveViolation {
        hosts = List.copyOf(hosts);
    }

    @Override
    public String toString() {
        return domain + " active on " + hosts;
    }
}

package org.basket.scheduler;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts the live migrations a plan starts, per host (source or destination) and in the cluster, against the
 * limits of {@link SchedulerOptions}; remembers how many had to wait.
 */
final class MigrationBudget {
    private final int perHost;
    private final int inCluster;
    private final Map<String, Integer> byHost = new HashMap<>();
    private int planned;
    private int waiting;

    MigrationBudget(SchedulerOptions options) {
        perHost = options.migrationLimitPerHost();
        inCluster = options.migrationLimitInCluster();
    }

    boolean limited() {
        return perHost != SchedulerOptions.UNLIMITED || inCluster != SchedulerOptions.UNLIMITED;
    }

    /** Counts a migration from one host to another if the limits allow it; null if so, else which limit is reached. */
    String take(String from, String to) {
        String full = inCluster != SchedulerOptions.UNLIMITED && planned >= inCluster
                ? "the cluster has its " + migrations(inCluster)
                : atLimit(from) ? from + " has its " + migrations(perHost)
                : atLimit(to) ? to + " has its " + migrations(perHost) : null;
        if (full != null) {
            waiting++;
            return full;
        }
        planned++;
        byHost.merge(from, 1, Integer::sum);
        byHost.merge(to, 1, Integer::sum);
        return null;
    }

    private static String migrations(int n) {
        return n == 1 ? "1 migration" : n + " migrations";
    }

    private boolean atLimit(String host) {
        return perHost != SchedulerOptions.UNLIMITED && byHost.getOrDefault(host, 0) >= perHost;
    }

    /** A note on the migrations that wait; empty if none does. */
    Optional<String> summary() {
        return waiting == 0 ? Optional.empty() : Optional.of("migration limits: " + planned + " planned, " + waiting
                + " wait for a later transition (" + limits() + ")");
    }

    private String limits() {
        String host = perHost == SchedulerOptions.UNLIMITED ? "no limit per host" : "at most " + perHost + " per host";
        String cluster = inCluster == SchedulerOptions.UNLIMITED ? "no limit in the cluster"
                : "at most " + inCluster + " in the cluster";
        return host + ", " + cluster;
    }
}

package org.basket.api.model;

import java.time.Duration;
import java.util.Objects;

/**
 * A managed resource as configured.
 *
 * @param name               Basket's name of the resource
 * @param kind               what it is
 * @param domain             the hypervisor's name for it (the domain or VM name); defaults to {@code name}
 * @param demand             what it needs of its host
 * @param migratable         whether a planned move may be a live migration
 * @param priority           higher wins when capacity is short
 * @param enabled            whether it should run at all
 * @param container          for a guest service, the VM resource it runs in; otherwise empty
 * @param migrationThreshold failures on one host before it is moved away
 * @param failureTimeout     how long after its last failure on a host the failures there are forgotten; zero: never
 * @param operations         its own operation timeouts and monitor, where they differ from the manager's
 * @param rank               among resources of equal priority, lower is placed first (picks its host first); 0 for
 *                           all: the scheduler's own order
 * @param stickiness         its own preference for the host it runs on, 0 to {@link Score#INFINITY}, or
 *                           {@link #MANAGER_STICKINESS}: the manager's
 */
public record Resource(String name, ResourceKind kind, String domain, Capacity demand, boolean migratable,
                       int priority, boolean enabled, String container, int migrationThreshold,
                       Duration failureTimeout, Operations operations, int rank, int stickiness) {
    /** {@link #stickiness} of a resource that has none of its own. */
    public static final int MANAGER_STICKINESS = -1;

    public Resource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(demand, "demand");
        domain = domain == null || domain.isEmpty() ? name : domain;
        container = container == null ? "" : container;
        if (migrationThreshold < 1) {
            throw new IllegalArgumentException("migration threshold must be at least 1: " + migrationThreshold);
        }
        failureTimeout = failureTimeout == null ? Duration.ZERO : failureTimeout;
        operations = operations == null ? Operations.DEFAULTS : operations;
        if (failureTimeout.isNegative()) {
            throw new IllegalArgumentException("failure timeout must not be negative: " + failureTimeout);
        }
        if (stickiness < MANAGER_STICKINESS || stickiness > Score.INFINITY) {
            throw new IllegalArgumentException("stickiness must be 0 to " + Score.INFINITY + ": " + stickiness);
        }
    }

    /** A resource without a rank or a stickiness of its own. */
    public Resource(String name, ResourceKind kind, String domain, Capacity demand, boolean migratable,
                    int priority, boolean enabled, String container, int migrationThreshold,
                    Duration failureTimeout, Operations operations) {
        this(name, kind, domain, demand, migratable, priority, enabled, container, migrationThreshold, failureTimeout,
                operations, 0, MANAGER_STICKINESS);
    }

    /** A resource whose failures are never forgotten. */
    public Resource(String name, ResourceKind kind, String domain, Capacity demand, boolean migratable,
                    int priority, boolean enabled, String container, int migrationThreshold) {
        this(name, kind, domain, demand, migratable, priority, enabled, container, migrationThreshold, Duration.ZERO);
    }

    /** A resource with the manager's operation timeouts and no monitor of its own. */
    public Resource(String name, ResourceKind kind, String domain, Capacity demand, boolean migratable,
                    int priority, boolean enabled, String container, int migrationThreshold, Duration failureTimeout) {
        this(name, kind, domain, demand, migratable, priority, enabled, container, migrationThreshold, failureTimeout,
                Operations.DEFAULTS);
    }

    /** A virtual machine with default settings. */
    public static Resource vm(String name, Capacity demand) {
        return new Resource(name, ResourceKind.VIRTUAL_MACHINE, name, demand, true, 0, true, "", 3);
    }

    public Resource withFailureTimeout(Duration value) {
        return new Resource(name, kind, domain, demand, migratable, priority, enabled, container, migrationThreshold,
                value, operations, rank, stickiness);
    }

    public Resource withOperations(Operations value) {
        return new Resource(name, kind, domain, demand, migratable, priority, enabled, container, migrationThreshold,
                failureTimeout, value, rank, stickiness);
    }

    public boolean hasFailureTimeout() {
        return !failureTimeout.isZero();
    }

    public boolean hasContainer() {
        return !container.isEmpty();
    }

    public Resource withEnabled(boolean value) {
        return new Resource(name, kind, domain, demand, migratable, priority, value, container, migrationThreshold,
                failureTimeout, operations, rank, stickiness);
    }

    public Resource withPriority(int value) {
        return new Resource(name, kind, domain, demand, migratable, value, enabled, container,
                migrationThreshold, failureTimeout, operations, rank, stickiness);
    }

    public Resource withMigratable(boolean value) {
        return new Resource(name, kind, domain, demand, value, priority, enabled, container, migrationThreshold,
                failureTimeout, operations, rank, stickiness);
    }

    public Resource withRank(int value) {
        return new Resource(name, kind, domain, demand, migratable, priority, enabled, container, migrationThreshold,
                failureTimeout, operations, value, stickiness);
    }

    public Resource withStickiness(int value) {
        return new Resource(name, kind, domain, demand, migratable, priority, enabled, container, migrationThreshold,
                failureTimeout, operations, rank, value);
    }

    /** Whether it has a stickiness of its own instead of the manager's. */
    public boolean hasOwnStickiness() {
        return stickiness != MANAGER_STICKINESS;
    }

    /** Its own stickiness, or {@code managers} when it has none. */
    public int stickinessOr(int managers) {
        return hasOwnStickiness() ? stickiness : managers;
    }
}

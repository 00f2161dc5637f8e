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
 */
public record Resource(String name, ResourceKind kind, String domain, Capacity demand, boolean migratable,
                       int priority, boolean enabled, String container, int migrationThreshold,
                       Duration failureTimeout, Operations operations) {
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
                value, operations);
    }

    public Resource withOperations(Operations value) {
        return new Resource(name, kind, domain, demand, migratable, priority, enabled, container, migrationThreshold,
                failureTimeout, value);
    }

    public boolean hasFailureTimeout() {
        return !failureTimeout.isZero();
    }

    public boolean hasContainer() {
        return !container.isEmpty();
    }

    public Resource withEnabled(boolean value) {
        return new Resource(name, kind, domain, demand, migratable, priority, value, container, migrationThreshold,
                failureTimeout, operations);
    }

    public Resource withPriority(int value) {
        return new Resource(name, kind, domain, demand, migratable, value, enabled, container,
                migrationThreshold, failureTimeout, operations);
    }

    public Resource withMigratable(boolean value) {
        return new Resource(name, kind, domain, demand, value, priority, enabled, container, migrationThreshold,
                failureTimeout, operations);
    }
}

package org.basket.core.journal;

import java.util.Objects;

/**
 * An operator's flag: standby or maintenance, for the whole cluster, one host or one resource; or a resource blocked
 * on a host (its stop failed there and no fence can clear it) until the operator cleans it up; or a host that must be
 * fenced because a resource's stop failed there, until it is fenced or that resource is cleaned up.
 *
 * @param kind which flag
 * @param scope what it applies to
 * @param target the host's or resource's name; empty for the cluster; for a blocked resource, its name, a space and
 *               the host's; for a host to fence, its name, a space and the resource's
 */
public record Flag(Kind kind, Scope scope, String target) implements Comparable<Flag> {
    public enum Kind { STANDBY, MAINTENANCE, BLOCKED, FENCE_NEEDED }

    public enum Scope { CLUSTER, HOST, RESOURCE }

    public Flag {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(target, "target");
        if (scope == Scope.CLUSTER != target.isEmpty()) {
            throw new IllegalArgumentException(scope == Scope.CLUSTER
                    ? "a cluster-wide flag has no target: '" + target + "'"
                    : "a " + scope.name().toLowerCase() + " flag needs a target name");
        }
        if (kind == Kind.BLOCKED && (scope != Scope.RESOURCE || target.lastIndexOf(' ') <= 0)) {
            throw new IllegalArgumentException("a blocked flag names a resource and a host: '" + target + "'");
        }
        if (kind == Kind.FENCE_NEEDED && (scope != Scope.HOST || target.indexOf(' ') <= 0
                || target.indexOf(' ') == target.length() - 1)) {
            throw new IllegalArgumentException("a fence-needed flag names a host and a resource: '" + target + "'");
        }
    }

    /** The host must be fenced: the resource's stop failed there. */
    public static Flag fenceNeeded(String host, String resource) {
        return new Flag(Kind.FENCE_NEEDED, Scope.HOST, host + " " + resource);
    }

    /** The resource whose failed stop makes a host need fencing; empty for the other flags. */
    public String stopFailed() {
        return kind == Kind.FENCE_NEEDED ? target.substring(target.indexOf(' ') + 1) : "";
    }

    /** The resource blocked on the host. */
    public static Flag blocked(String resource, String host) {
        return new Flag(Kind.BLOCKED, Scope.RESOURCE, resource + " " + host);
    }

    /** The host's, resource's or (empty) cluster's name: for a blocked resource, the resource's. */
    public String name() {
        return kind == Kind.BLOCKED ? target.substring(0, target.lastIndexOf(' '))
                : kind == Kind.FENCE_NEEDED ? target.substring(0, target.indexOf(' ')) : target;
    }

    /** Where a blocked resource is blocked; empty for the other flags. */
    public String blockedOn() {
        return kind == Kind.BLOCKED ? target.substring(target.lastIndexOf(' ') + 1) : "";
    }

    public static Flag cluster(Kind kind) {
        return new Flag(kind, Scope.CLUSTER, "");
    }

    public static Flag host(Kind kind, String host) {
        return new Flag(kind, Scope.HOST, host);
    }

    public static Flag resource(Kind kind, String resource) {
        return new Flag(kind, Scope.RESOURCE, resource);
    }

    @Override
    public int compareTo(Flag other) {
        int c = scope.compareTo(other.scope);
        if (c == 0) {
            c = target.compareTo(other.target);
        }
        return c != 0 ? c : kind.compareTo(other.kind);
    }

    @Override
    public String toString() {
        if (kind == Kind.BLOCKED) {
            return "blocked resource " + name() + " on " + blockedOn();
        }
        if (kind == Kind.FENCE_NEEDED) {
            return "host " + name() + " to be fenced: the stop of " + stopFailed() + " failed there";
        }
        return kind.name().toLowerCase() + (scope == Scope.CLUSTER ? " (cluster)"
                : " " + scope.name().toLowerCase() + " " + target);
    }
}

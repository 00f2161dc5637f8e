package org.basket.core.journal;

import java.util.Objects;

/**
 * An operator's flag: standby or maintenance, for the whole cluster, one host or one resource.
 *
 * @param kind which flag
 * @param scope what it applies to
 * @param target the host's or resource's name; empty for the cluster
 */
public record Flag(Kind kind, Scope scope, String target) implements Comparable<Flag> {
    public enum Kind { STANDBY, MAINTENANCE }

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
        return kind.name().toLowerCase() + (scope == Scope.CLUSTER ? " (cluster)"
                : " " + scope.name().toLowerCase() + " " + target);
    }
}

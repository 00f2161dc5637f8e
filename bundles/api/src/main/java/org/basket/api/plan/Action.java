package org.basket.api.plan;

import java.util.Optional;

/** One step of a transition. Actions are values: two equal actions are the same step. */
public sealed interface Action permits Action.Start, Action.Stop, Action.Monitor, Action.Migrate, Action.Fence {

    /** The resource acted on, or empty for a host action. */
    Optional<String> resource();

    /** The host whose driver executes the action (for a migration: the source). */
    String host();

    record Start(String name, String host) implements Action {
        @Override
        public Optional<String> resource() {
            return Optional.of(name);
        }

        @Override
        public String toString() {
            return "start " + name + " on " + host;
        }
    }

    record Stop(String name, String host) implements Action {
        @Override
        public Optional<String> resource() {
            return Optional.of(name);
        }

        @Override
        public String toString() {
            return "stop " + name + " on " + host;
        }
    }

    record Monitor(String name, String host) implements Action {
        @Override
        public Optional<String> resource() {
            return Optional.of(name);
        }

        @Override
        public String toString() {
            return "monitor " + name + " on " + host;
        }
    }

    /** A live migration: the resource keeps running while it moves. */
    record Migrate(String name, String from, String to) implements Action {
        @Override
        public Optional<String> resource() {
            return Optional.of(name);
        }

        @Override
        public String host() {
            return from;
        }

        @Override
        public String toString() {
            return "migrate " + name + " from " + from + " to " + to;
        }
    }

    /** Power a host off so that nothing on it can still run. */
    record Fence(String host) implements Action {
        @Override
        public Optional<String> resource() {
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "fence " + host;
        }
    }
}

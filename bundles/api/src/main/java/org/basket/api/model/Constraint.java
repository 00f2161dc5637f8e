package org.basket.api.model;

import java.util.List;

/** A placement or ordering rule between resources and hosts. */
public sealed interface Constraint permits Constraint.Location, Constraint.Colocation, Constraint.Order,
        Constraint.Container {

    /** The constraint's name, unique in the configuration. */
    String name();

    /** The resources this constraint names. */
    List<String> resources();

    /** Prefer ({@code score > 0}) or avoid ({@code score < 0}) running {@code resource} on {@code host}. */
    record Location(String name, String resource, String host, int score) implements Constraint {
        @Override
        public List<String> resources() {
            return List.of(resource);
        }
    }

    /**
     * Place {@code resource} with ({@code score > 0}) or away from ({@code score < 0}) {@code with}.
     * A score of {@code -INFINITY} is anti-affinity: the two never share a host.
     */
    record Colocation(String name, String resource, String with, int score) implements Constraint {
        @Override
        public List<String> resources() {
            return List.of(resource, with);
        }

        public boolean antiAffinity() {
            return score <= Score.MINUS_INFINITY;
        }
    }

    /**
     * Start {@code first} before {@code then}, and stop them the other way round. A mandatory order
     * also keeps {@code then} from running while {@code first} cannot.
     */
    record Order(String name, String first, String then, boolean mandatory) implements Constraint {
        @Override
        public List<String> resources() {
            return List.of(first, then);
        }
    }

    /** The guest service {@code service} runs inside the virtual machine {@code vm}. */
    record Container(String name, String service, String vm) implements Constraint {
        @Override
        public List<String> resources() {
            return List.of(service, vm);
        }
    }
}

package org.basket.api.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A placement or ordering rule between resources and hosts. */
public sealed interface Constraint permits Constraint.Location, Constraint.Colocation, Constraint.Order,
        Constraint.Container, Constraint.LocationRule, Constraint.ColocationSet {

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

    /**
     * Prefer or avoid running {@code resource} on every host whose attribute matches: {@code score} on each host where
     * {@code attribute operation value} holds; {@link AttributeOperation#EXISTS} and
     * {@link AttributeOperation#NOT_EXISTS} take no value.
     */
    record LocationRule(String name, String resource, String attribute, AttributeOperation operation, String value,
                        int score) implements Constraint {
        public LocationRule {
            Objects.requireNonNull(operation, "operation");
            value = value == null ? "" : value;
        }

        @Override
        public List<String> resources() {
            return List.of(resource);
        }

        public boolean matches(Host host) {
            return operation.holds(host.attributes().get(attribute), value);
        }

        /** The condition as an operator writes it: {@code site eq paris}, {@code gpu exists}. */
        public String condition() {
            return attribute + " " + operation.word() + (operation.takesValue() ? " " + value : "");
        }
    }

    /** How a {@link LocationRule} compares a host attribute with its value. */
    enum AttributeOperation {
        EQ("eq"), NE("ne"), EXISTS("exists"), NOT_EXISTS("not-exists");

        private final String word;

        AttributeOperation(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }

        public boolean takesValue() {
            return this == EQ || this == NE;
        }

        /** @param actual the host's value of the attribute, null where the host lacks it */
        public boolean holds(String actual, String expected) {
            return switch (this) {
                case EQ -> expected.equals(actual);
                case NE -> !expected.equals(actual);
                case EXISTS -> actual != null;
                case NOT_EXISTS -> actual == null;
            };
        }

        /** Parses {@code eq}, {@code ne}, {@code exists} or {@code not-exists}. */
        public static AttributeOperation parse(String word) {
            for (AttributeOperation operation : values()) {
                if (operation.word.equals(word.trim().toLowerCase(java.util.Locale.ROOT))) {
                    return operation;
                }
            }
            throw new IllegalArgumentException("not an attribute operation: '" + word + "' (eq, ne, exists, not-exists)");
        }
    }

    /**
     * One score between every two of {@code members}: {@code -INFINITY} spreads them over distinct hosts,
     * {@code +INFINITY} keeps them all on one host, a finite score draws them together or pushes them apart.
     */
    record ColocationSet(String name, List<String> members, int score) implements Constraint {
        public ColocationSet {
            members = List.copyOf(members);
        }

        @Override
        public List<String> resources() {
            return members;
        }

        /** The set as colocations of every two members, each named after the set. */
        public List<Colocation> pairs() {
            List<Colocation> pairs = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                for (int j = i + 1; j < members.size(); j++) {
                    pairs.add(new Colocation(name, members.get(i), members.get(j), score));
                }
            }
            return pairs;
        }
    }
}

package org.basket.api.cluster;

import java.util.Objects;

/**
 * A hypothetical event for {@link ClusterService#simulate}, written as operators type it:
 * {@code fail:node2}, {@code standby:node3}, {@code fail-resource:db}, {@code add-vm:name:cpus:memoryMb}.
 */
public sealed interface SimulationEvent permits SimulationEvent.HostFails, SimulationEvent.HostStandby,
        SimulationEvent.ResourceFails, SimulationEvent.AddVm {

    /** The forms {@link #parse} accepts, for help texts and errors. */
    String FORMS = "fail:<host>, standby:<host>, fail-resource:<resource>, add-vm:<name>:<cpus>:<memoryMb>";

    /** The host is lost without confirmation (unclean): it is fenced and what ran there is recovered elsewhere. */
    record HostFails(String host) implements SimulationEvent {
        public HostFails {
            requireName("host", host);
        }

        @Override
        public String toString() {
            return "fail:" + host;
        }
    }

    /** The host goes to standby: its resources move away, none move in. */
    record HostStandby(String host) implements SimulationEvent {
        public HostStandby {
            requireName("host", host);
        }

        @Override
        public String toString() {
            return "standby:" + host;
        }
    }

    /** The resource fails where it runs: it is recovered, counting one more failure on that host. */
    record ResourceFails(String resource) implements SimulationEvent {
        public ResourceFails {
            requireName("resource", resource);
        }

        @Override
        public String toString() {
            return "fail-resource:" + resource;
        }
    }

    /** A new virtual machine with default settings (migratable, priority 0) is configured. */
    record AddVm(String name, int cpus, long memoryMb) implements SimulationEvent {
        public AddVm {
            requireName("VM", name);
            if (cpus < 1 || memoryMb < 1) {
                throw new IllegalArgumentException("add-vm:" + name + ":" + cpus + ":" + memoryMb
                        + ": a VM needs at least 1 CPU and 1 MB");
            }
        }

        @Override
        public String toString() {
            return "add-vm:" + name + ":" + cpus + ":" + memoryMb;
        }
    }

    /**
     * Parses one event.
     *
     * @throws IllegalArgumentException naming the text and the forms accepted
     */
    static SimulationEvent parse(String text) {
        String t = text == null ? "" : text.trim();
        String[] parts = t.split(":", -1);
        String kind = parts[0];
        switch (kind) {
            case "fail":
                return new HostFails(single(t, parts, "fail:<host>"));
            case "standby":
                return new HostStandby(single(t, parts, "standby:<host>"));
            case "fail-resource":
                return new ResourceFails(single(t, parts, "fail-resource:<resource>"));
            case "add-vm":
                if (parts.length != 4 || parts[1].isEmpty()) {
                    throw malformed(t, "add-vm:<name>:<cpus>:<memoryMb>, e.g. add-vm:test:2:4096");
                }
                try {
                    return new AddVm(parts[1], Integer.parseInt(parts[2]), Long.parseLong(parts[3]));
                } catch (NumberFormatException e) {
                    throw malformed(t, "add-vm:<name>:<cpus>:<memoryMb> with whole numbers, e.g. add-vm:test:2:4096");
                }
            default:
                throw malformed(t, FORMS);
        }
    }

    private static String single(String text, String[] parts, String form) {
        if (parts.length != 2 || parts[1].isEmpty()) {
            throw malformed(text, form);
        }
        return parts[1];
    }

    private static IllegalArgumentException malformed(String text, String expected) {
        return new IllegalArgumentException("malformed event '" + text + "': expected " + expected);
    }

    private static void requireName(String what, String name) {
        Objects.requireNonNull(name, what);
        if (name.isBlank()) {
            throw new IllegalArgumentException("a " + what + " name must not be empty");
        }
    }
}

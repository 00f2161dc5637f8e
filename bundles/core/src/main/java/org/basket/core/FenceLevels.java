package org.basket.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.basket.api.cluster.ConfigProblem;
import org.basket.api.fence.FenceDevice;
import org.basket.api.fence.FenceDeviceFactory;
import org.basket.api.fence.FenceException;
import org.basket.api.fence.PowerState;
import org.basket.core.config.FenceDefinition;

/**
 * The configured fence devices of every host, by level. A host is fenced by trying its levels in
 * order, then its driver's own fencing if it has one; the first level that confirms power off wins.
 * The devices of one level are one fence, as in Pacemaker's fencing topology: each of them must
 * confirm power off (both feeds of a host with two power supplies), else the level failed.
 *
 * <p>Devices are made by the deployed fence methods ({@link FenceDeviceFactory} services): a definition
 * goes to the factory that serves its agent (the highest ranking, then the first bound). A definition
 * whose agent no factory serves, or whose factory refuses it (an agent not installed, parameters its
 * metadata rejects), is a configuration problem and that level is not used. When a factory goes away,
 * the devices it made go with it.
 */
final class FenceLevels {
    private record Made(FenceDefinition definition, FenceDeviceFactory factory, FenceDevice device) {
    }

    private record Bound(FenceDeviceFactory factory, int ranking, long order) {
    }

    /** By device name: the last definition a factory accepted. */
    private final Map<String, Made> made = new HashMap<>();
    /** The deployed fence methods, in the order they are asked: the highest ranking, then the first bound. */
    private final List<Bound> factories = new ArrayList<>();
    private long bindings;

    synchronized void bind(FenceDeviceFactory factory, int ranking) {
        factories.add(new Bound(factory, ranking, bindings++));
        factories.sort(Comparator.comparingInt((Bound b) -> -b.ranking()).thenComparingLong(Bound::order));
    }

    /** Forgets the factory and every device it made; their definitions are tried again at the next update. */
    synchronized void unbind(FenceDeviceFactory factory) {
        factories.removeIf(b -> b.factory() == factory);
        made.values().removeIf(m -> m.factory() == factory);
    }

    /**
     * Builds devices for new or changed definitions (retrying rejected ones, and those whose agent a
     * better factory now serves); returns why some were rejected. A changed definition that no factory
     * serves or that its factory rejects leaves the previous one in force.
     */
    synchronized List<ConfigProblem> update(Map<String, FenceDefinition> definitions) {
        made.keySet().retainAll(definitions.keySet());
        List<ConfigProblem> found = new ArrayList<>();
        for (FenceDefinition definition : definitions.values()) {
            Made current = made.get(definition.name());
            Optional<FenceDeviceFactory> factory = factoryFor(definition.agent());
            if (current != null && current.definition().equals(definition)
                    && factory.filter(f -> f == current.factory()).isPresent()) {
                continue;
            }
            String kept = current != null ? " (the previous definition stays in force)" : "";
            if (factory.isEmpty()) {
                found.add(new ConfigProblem(definition.source(), "agent",
                        "no fence method for agent " + definition.agent() + " is deployed" + kept));
                continue;
            }
            try {
                FenceDevice device = factory.get().create(definition.agent(), definition.parameters(), definition.timeout());
                made.put(definition.name(), new Made(definition, factory.get(), device));
            } catch (FenceException e) {
                found.add(new ConfigProblem(definition.source(), "", e.getMessage() + kept));
            } catch (RuntimeException e) {
                found.add(new ConfigProblem(definition.source(), "", definition.agent() + ": the fence method failed: "
                        + e + kept));
            }
        }
        return found;
    }

    private Optional<FenceDeviceFactory> factoryFor(String agent) {
        for (Bound bound : factories) {
            try {
                if (bound.factory().serves(agent)) {
                    return Optional.of(bound.factory());
                }
            } catch (RuntimeException e) {
                // a broken factory serves nothing; the others are still asked
            }
        }
        return Optional.empty();
    }

    /**
     * Powers the host off through its levels, then through {@code fallback}.
     *
     * @return the devices of the level that confirmed power off, as {@code a + b}
     * @throws FenceException naming every level's failure when none succeeded
     */
    String fence(String host, Optional<FenceDevice> fallback) throws FenceException {
        List<List<FenceDevice>> tried = levels(host, fallback);
        if (tried.isEmpty()) {
            throw new FenceException("host " + host + " has no fence device (configure an org.basket.fence-*.cfg for it)");
        }
        List<String> failures = new ArrayList<>();
        for (List<FenceDevice> level : tried) {
            Optional<String> failure = powerOff(level);
            if (failure.isEmpty()) {
                return name(level);
            }
            failures.add(failure.get());
        }
        throw new FenceException("every fencing level failed for host " + host + ": " + String.join("; ", failures));
    }

    /** Powers each device of the level off in turn; the first that fails fails the level, whose host may have power. */
    private static Optional<String> powerOff(List<FenceDevice> level) {
        for (FenceDevice device : level) {
            try {
                device.powerOff();
            } catch (FenceException e) {
                String others = level.size() == 1 ? "" : " (its level needs " + name(level) + " off)";
                return Optional.of(FenceDeviceFailure.of(device, e) + others);
            }
        }
        return Optional.empty();
    }

    /**
     * The first answer of the host's fence levels, as a phrase: "off (says a + b)" when every device of a level says
     * off, "on (says dev)" as soon as one says on, or why no level could tell.
     */
    String powerState(String host, Optional<FenceDevice> fallback) {
        List<List<FenceDevice>> levels = levels(host, fallback);
        if (levels.isEmpty()) {
            return "no fence device can tell its power state";
        }
        List<String> failures = new ArrayList<>();
        for (List<FenceDevice> level : levels) {
            Optional<String> told = powerState(level, failures);
            if (told.isPresent()) {
                return told.get();
            }
        }
        return "no fence device could tell its power state (" + String.join("; ", failures) + ")";
    }

    /** What one level tells: on if a device says on, off only if each says off; empty if a device cannot tell. */
    private static Optional<String> powerState(List<FenceDevice> level, List<String> failures) {
        for (FenceDevice device : level) {
            try {
                PowerState state = device.status();
                if (state == PowerState.ON) {
                    return Optional.of("on (says " + device.name() + ")");
                }
                if (state == PowerState.UNKNOWN) {
                    failures.add(device.name() + ": unknown");
                    return Optional.empty();
                }
            } catch (Exception e) {
                failures.add(FenceDeviceFailure.of(device, e));
                return Optional.empty();
            }
        }
        return Optional.of("off (says " + name(level) + ")");
    }

    private static String name(List<FenceDevice> level) {
        return String.join(" + ", level.stream().map(FenceDevice::name).toList());
    }

    /** The host's devices in the order they are tried: its levels, then {@code fallback}. */
    List<FenceDevice> devices(String host, Optional<FenceDevice> fallback) {
        return levels(host, fallback).stream().flatMap(List::stream).toList();
    }

    /** The host's levels in the order they are tried, each its devices by name; then {@code fallback}, a level alone. */
    List<List<FenceDevice>> levels(String host, Optional<FenceDevice> fallback) {
        List<List<FenceDevice>> all = new ArrayList<>(configuredLevels(host).values());
        fallback.ifPresent(device -> all.add(List.of(device)));
        return all;
    }

    private synchronized TreeMap<Integer, List<FenceDevice>> configuredLevels(String host) {
        TreeMap<Integer, List<FenceDevice>> byLevel = new TreeMap<>();
        made.values().stream().filter(m -> m.definition().host().equals(host))
                .sorted(Comparator.comparing((Made m) -> m.definition().name()))
                .forEach(m -> byLevel.computeIfAbsent(m.definition().level(), l -> new ArrayList<>()).add(m.device()));
        return byLevel;
    }
}

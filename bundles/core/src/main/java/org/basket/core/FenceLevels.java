package org.basket.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.basket.api.cluster.ConfigProblem;
import org.basket.api.fence.FenceDevice;
import org.basket.api.fence.FenceDeviceFactory;
import org.basket.api.fence.FenceException;
import org.basket.core.config.FenceDefinition;

/**
 * The configured fence devices of every host, by level. A host is fenced by trying its levels in
 * order, then its driver's own fencing if it has one; the first that confirms power off wins.
 *
 * <p>Devices are made by the deployed fence methods ({@link FenceDeviceFactory} services): a definition
 * goes to the factory that serves its agent (the highest ranking, then the first bound). A definition
 * whose agent no factory serves, or whose factory refuses it (an agent not installed, parameters its
 * metadata rejects), is a configuration problem and that level is not used. When a factory goes away,
 * the devices it made go with it.
 */
final class FenceLevels {
    private record Level(FenceDefinition definition, FenceDeviceFactory factory, FenceDevice device) {
    }

    private record Bound(FenceDeviceFactory factory, int ranking, long order) {
    }

    /** By device name: the last definition a factory accepted. */
    private final Map<String, Level> levels = new HashMap<>();
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
        levels.values().removeIf(l -> l.factory() == factory);
    }

    /**
     * Builds devices for new or changed definitions (retrying rejected ones, and those whose agent a
     * better factory now serves); returns why some were rejected. A changed definition that no factory
     * serves or that its factory rejects leaves the previous one in force.
     */
    synchronized List<ConfigProblem> update(Map<String, FenceDefinition> definitions) {
        levels.keySet().retainAll(definitions.keySet());
        List<ConfigProblem> found = new ArrayList<>();
        for (FenceDefinition definition : definitions.values()) {
            Level current = levels.get(definition.name());
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
                levels.put(definition.name(), new Level(definition, factory.get(), device));
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
     * @return the device that confirmed power off
     * @throws FenceException naming every level's failure when none succeeded
     */
    FenceDevice fence(String host, Optional<FenceDevice> fallback) throws FenceException {
        List<FenceDevice> tried = devices(host, fallback);
        if (tried.isEmpty()) {
            throw new FenceException("host " + host + " has no fence device (configure an org.basket.fence-*.cfg for it)");
        }
        List<String> failures = new ArrayList<>();
        for (FenceDevice device : tried) {
            try {
                device.powerOff();
                return device;
            } catch (FenceException e) {
                failures.add(FenceDeviceFailure.of(device, e));
            }
        }
        throw new FenceException("every fencing level failed for host " + host + ": " + String.join("; ", failures));
    }

    /** The host's devices in the order they are tried: its levels, then {@code fallback}. */
    List<FenceDevice> devices(String host, Optional<FenceDevice> fallback) {
        List<FenceDevice> all = new ArrayList<>(levelsOf(host));
        fallback.ifPresent(all::add);
        return all;
    }

    private synchronized List<FenceDevice> levelsOf(String host) {
        return levels.values().stream().filter(l -> l.definition().host().equals(host))
                .sorted(Comparator.comparingInt((Level l) -> l.definition().level())
                        .thenComparing(l -> l.definition().name()))
                .map(Level::device).toList();
    }
}

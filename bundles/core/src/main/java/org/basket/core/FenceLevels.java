package org.basket.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.basket.api.cluster.ConfigProblem;
import org.basket.api.fence.FenceDevice;
import org.basket.api.fence.FenceException;
import org.basket.core.config.FenceDefinition;
import org.basket.fence.FenceAgent;
import org.basket.fence.FenceAgentDevice;
import org.basket.fence.FenceAgentException;

/**
 * The configured fence devices of every host, by level. A host is fenced by trying its levels in
 * order, then its driver's own fencing if it has one; the first that confirms power off wins. An
 * agent that cannot be found or whose parameters its metadata rejects is a configuration problem,
 * and that level is not used.
 */
final class FenceLevels {
    private record Level(FenceDefinition definition, FenceAgentDevice device) {
    }

    /** By device name: the last definition its agent accepted. */
    private final Map<String, Level> levels = new HashMap<>();
    private final Map<String, FenceAgent> agents = new HashMap<>();

    /**
     * Builds devices for new or changed definitions (retrying rejected ones); returns why some were
     * rejected. A changed definition that its agent rejects leaves the previous one in force.
     */
    synchronized List<ConfigProblem> update(Map<String, FenceDefinition> definitions) {
        levels.keySet().retainAll(definitions.keySet());
        List<ConfigProblem> found = new ArrayList<>();
        for (FenceDefinition definition : definitions.values()) {
            Level current = levels.get(definition.name());
            if (current != null && current.definition().equals(definition)) {
                continue;
            }
            try {
                FenceAgent agent = agent(definition.agent());
                agent.validate(definition.parameters());
                levels.put(definition.name(), new Level(definition,
                        new FenceAgentDevice(agent, definition.parameters(), definition.timeout())));
            } catch (FenceAgentException e) {
                found.add(new ConfigProblem(definition.source(), "", e.getMessage()
                        + (current != null ? " (the previous definition stays in force)" : "")));
            }
        }
        return found;
    }

    private FenceAgent agent(String name) throws FenceAgentException {
        FenceAgent agent = agents.get(name);
        if (agent == null) {
            agent = FenceAgent.locate(name);
            agents.put(name, agent);
        }
        return agent;
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
                .map(l -> (FenceDevice) l.device()).toList();
    }
}

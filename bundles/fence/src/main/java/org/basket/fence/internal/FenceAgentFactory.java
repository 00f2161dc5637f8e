package org.basket.fence.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.basket.api.fence.FenceDevice;
import org.basket.api.fence.FenceDeviceFactory;
import org.basket.fence.FenceAgent;
import org.basket.fence.FenceAgentDevice;
import org.basket.fence.FenceAgentException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standard fence agents ({@code fence_*} from fence-agents) as a fence method: serves every agent
 * name, installed or not, so that a missing agent is reported as such ("not found in ..."). An agent is
 * located, and its metadata read, once; one that was not found is looked for again next time.
 */
@Component(immediate = true, service = FenceDeviceFactory.class)
public final class FenceAgentFactory implements FenceDeviceFactory {
    private static final Logger LOG = LoggerFactory.getLogger(FenceAgentFactory.class);

    private final List<Path> searchPath;
    private final Map<String, FenceAgent> agents = new ConcurrentHashMap<>();

    /** For Declarative Services, and tests of other modules: agents in the system's usual directories. */
    public FenceAgentFactory() {
        this(FenceAgent.DEFAULT_SEARCH_PATH);
    }

    /** Outside OSGi: agents looked up in {@code searchPath}, in order. */
    public FenceAgentFactory(List<Path> searchPath) {
        this.searchPath = List.copyOf(searchPath);
    }

    @Activate
    void activate() {
        LOG.info("Standard fence agents (fence_*) deployed, looked up in {}", searchPath);
    }

    @Deactivate
    void deactivate() {
        LOG.info("Standard fence agents (fence_*) withdrawn");
    }

    @Override
    public boolean serves(String agent) {
        return FenceAgent.isAgentName(agent);
    }

    @Override
    public void validate(String agent, Map<String, String> parameters) throws FenceAgentException {
        agent(agent).validate(parameters);
    }

    @Override
    public FenceDevice create(String agent, Map<String, String> parameters, Duration timeout) throws FenceAgentException {
        FenceAgentDevice device = new FenceAgentDevice(agent(agent), parameters, timeout);
        device.validate();
        return device;
    }

    @Override
    public String toString() {
        return "standard fence agents (fence_*) in " + searchPath;
    }

    private FenceAgent agent(String name) throws FenceAgentException {
        FenceAgent known = agents.get(name);
        if (known == null) {
            known = FenceAgent.locate(name, searchPath);
            FenceAgent raced = agents.putIfAbsent(name, known);
            known = raced != null ? raced : known;
        }
        return known;
    }
}

package org.basket.fence;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import org.basket.api.fence.FenceDevice;
import org.basket.api.fence.PowerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link FenceDevice} backed by one fence agent and the parameters (address, credentials, plug) of one host. */
public final class FenceAgentDevice implements FenceDevice {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(FenceAgentDevice.class);

    private final FenceAgent agent;
    private final Map<String, String> parameters;
    private final Duration timeout;

    public FenceAgentDevice(FenceAgent agent, Map<String, String> parameters) {
        this(agent, parameters, DEFAULT_TIMEOUT);
    }

    public FenceAgentDevice(FenceAgent agent, Map<String, String> parameters, Duration timeout) {
        this.agent = agent;
        this.parameters = Collections.unmodifiableMap(new TreeMap<>(parameters));
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return agent.deviceName(parameters);
    }

    @Override
    public PowerState status() throws FenceAgentException {
        return agent.status(parameters, timeout);
    }

    /** Runs {@code off}, then trusts only a following {@code status} that says OFF. */
    @Override
    public void powerOff() throws FenceAgentException {
        agent.run(FenceAction.OFF, parameters, timeout);
        PowerState state = status();
        if (state != PowerState.OFF) {
            FenceAgentException e = new FenceAgentException(FenceFailure.UNEXPECTED_STATE,
                    name() + " off: the agent reported success but the status is " + state);
            LOG.warn(e.getMessage());
            throw e;
        }
    }

    @Override
    public void powerOn() throws FenceAgentException {
        agent.run(FenceAction.ON, parameters, timeout);
    }

    public void validate() throws FenceAgentException {
        agent.validate(parameters);
    }

    @Override
    public String toString() {
        return "FenceAgentDevice[" + name() + " " + agent.describe(parameters) + "]";
    }
}

package org.basket.api.monitor;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The manager's way to the agents inside guests, one agent per virtual machine, named by the VM
 * resource. Registered as an OSGi service by the agent channel (and by the simulated hypervisor for
 * its simulated guests). Calls block until the agent acknowledged; the caller applies timeouts.
 */
@ConsumerType
public interface GuestAgents {

    /** Whether this gateway reaches the agent of the VM (enrolled, or simulated here). */
    boolean serves(String vm);

    /**
     * What the VM's agent last reported of each service it watches, by service name; empty when its
     * agent is not connected, so that nothing is known about the services.
     */
    Optional<Map<String, CheckResult>> services(String vm);

    /** Gives the agent the definitions of the services it watches in that VM (the manager is the source of truth). */
    void define(String vm, List<ServiceDefinition> services) throws AgentException;

    /** Starts a service and returns once the agent checked it runs. */
    void start(String vm, String service) throws AgentException;

    /** Stops a service and returns once the agent checked it stopped. */
    void stop(String vm, String service) throws AgentException;

    /** Where the gateway reports changes (a service failed, an agent connected or went silent), from any thread. */
    void listen(Runnable changed);
}

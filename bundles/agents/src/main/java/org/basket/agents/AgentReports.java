package org.basket.agents;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.basket.api.monitor.CheckResult;
import org.basket.api.monitor.ServiceHealth;
import org.basket.channel.manager.ChannelListener;
import org.basket.channel.manager.SessionInfo;
import org.basket.channel.protocol.MonitorResult;
import org.basket.channel.protocol.StateChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the agents said, per VM: the open session, the latest result of each service, the services
 * last defined, and when and why the last session ended. Results are forgotten when a session
 * ends: an agent sends all of them again when it reconnects.
 *
 * <p>What one agent can make the manager hold is bounded: the results of at most
 * {@value #MAX_SERVICES} services (once it has definitions, of its defined services only), each
 * result's text cut to {@value #MAX_DETAIL_CHARS} characters. What is refused or cut is logged once per
 * session.
 */
final class AgentReports implements ChannelListener {
    static final String NOT_REPORTED = "no result from the agent yet";
    /** Services whose results are kept per agent; also the most services one agent is given. */
    static final int MAX_SERVICES = 256;
    /** Characters kept of a result's detail or a state change's reason. */
    static final int MAX_DETAIL_CHARS = 4096;
    private static final Logger LOG = LoggerFactory.getLogger(AgentReports.class);

    private final Clock clock;
    private final Runnable changed;
    private final Map<String, Agent> agents = new HashMap<>();

    AgentReports(Clock clock, Runnable changed) {
        this.clock = clock;
        this.changed = changed;
    }

    /** One VM's agent; guarded by the enclosing instance. */
    private static final class Agent {
        SessionInfo session;
        Instant endedAt;
        String endReason;
        final Map<String, CheckResult> results = new LinkedHashMap<>();
        List<String> defined;
        /** The services of a definitions update not yet acknowledged: the agent reports them before its ACK. */
        List<String> defining = List.of();
        /** Whether this session's refused or cut results were logged already. */
        boolean refusalLogged;
        boolean cutLogged;

        void newSession(SessionInfo info) {
            session = info;
            results.clear();
            refusalLogged = false;
            cutLogged = false;
        }
    }

    @Override
    public void agentConnected(SessionInfo session) {
        synchronized (this) {
            agent(session.agentName()).newSession(session);
        }
        changed.run();
    }

    @Override
    public void agentDisconnected(String agentName, String reason) {
        synchronized (this) {
            Agent agent = agent(agentName);
            agent.session = null;
            agent.endedAt = clock.instant();
            agent.endReason = reason;
            agent.results.clear();
        }
        changed.run();
    }

    @Override
    public void monitorResult(String agentName, MonitorResult result) {
        if (record(agentName, result.service(), new CheckResult(result.health(), result.detail()))) {
            changed.run();
        }
    }

    @Override
    public void stateChanged(String agentName, StateChange change) {
        record(agentName, change.service(), new CheckResult(change.to(), change.reason()));
        changed.run();
    }

    @Override
    public void enrolled(String agentName) {
        changed.run();
    }

    /** Keeps the result within the agent's limits; true if the service's health changed. */
    private synchronized boolean record(String agentName, String service, CheckResult result) {
        Agent agent = agent(agentName);
        if (agent.session == null || !admitted(agentName, agent, service)) {
            return false;
        }
        CheckResult previous = agent.results.put(service, cut(agentName, agent, service, result));
        return previous == null || previous.health() != result.health();
    }

    /** Whether a result of the service is kept: a defined service, or any of the first few before definitions. */
    private static boolean admitted(String agentName, Agent agent, String service) {
        boolean admitted = agent.defined != null ? agent.defined.contains(service) || agent.defining.contains(service)
                : agent.results.containsKey(service) || agent.results.size() < MAX_SERVICES;
        if (!admitted && !agent.refusalLogged) {
            agent.refusalLogged = true;
            LOG.warn("Agent {}: result of '{}' refused: {}; further refusals of this session are not logged", agentName,
                    service, agent.defined != null ? "not a service it was given" : "results of " + MAX_SERVICES
                            + " services are kept at most");
        }
        return admitted;
    }

    private static CheckResult cut(String agentName, Agent agent, String service, CheckResult result) {
        String detail = result.message();
        if (detail.length() <= MAX_DETAIL_CHARS) {
            return result;
        }
        if (!agent.cutLogged) {
            agent.cutLogged = true;
            LOG.warn("Agent {}: result of '{}' cut from {} to {} characters (the most kept of one result); further cuts "
                    + "of this session are not logged", agentName, service, detail.length(), MAX_DETAIL_CHARS);
        }
        return new CheckResult(result.health(), detail.substring(0, MAX_DETAIL_CHARS) + " [cut from " + detail.length()
                + " characters]");
    }

    /** The services the agent is being given: their results are kept from now on. */
    synchronized void defining(String vm, List<String> services) {
        agent(vm).defining = List.copyOf(services);
    }

    /** The services the agent was given: from now on, only their results are kept. */
    synchronized void defined(String vm, List<String> services) {
        Agent agent = agent(vm);
        agent.defined = List.copyOf(services);
        agent.defining = List.of();
        agent.results.keySet().retainAll(agent.defined);
    }

    /** Empty while not connected; else each defined service's latest result (every reported one before any definition). */
    synchronized Optional<Map<String, CheckResult>> services(String vm) {
        Agent agent = agents.get(vm);
        if (agent == null || agent.session == null) {
            return Optional.empty();
        }
        if (agent.defined == null) {
            return Optional.of(Map.copyOf(agent.results));
        }
        Map<String, CheckResult> services = new LinkedHashMap<>();
        for (String service : agent.defined) {
            services.put(service, agent.results.getOrDefault(service, new CheckResult(ServiceHealth.UNKNOWN, NOT_REPORTED)));
        }
        return Optional.of(services);
    }

    synchronized Optional<SessionInfo> session(String vm) {
        return Optional.ofNullable(agents.get(vm)).map(agent -> agent.session);
    }

    synchronized int reportedServices(String vm) {
        Agent agent = agents.get(vm);
        return agent == null ? 0 : agent.results.size();
    }

    /** When and why the VM's last session ended, while none is open. */
    synchronized Optional<Ended> ended(String vm) {
        Agent agent = agents.get(vm);
        if (agent == null || agent.session != null || agent.endedAt == null) {
            return Optional.empty();
        }
        return Optional.of(new Ended(agent.endedAt, agent.endReason));
    }

    synchronized Set<String> names() {
        return new TreeSet<>(agents.keySet());
    }

    record Ended(Instant at, String reason) {
    }

    private Agent agent(String vm) {
        return agents.computeIfAbsent(vm, name -> new Agent());
    }
}

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

/**
 * What the agents said, per VM: the open session, the latest result of each service, the services
 * last defined, and when and why the last session ended. Results are forgotten when a session
 * ends: an agent sends all of them again when it reconnects.
 */
final class AgentReports implements ChannelListener {
    static final String NOT_REPORTED = "no result from the agent yet";

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
    }

    @Override
    public void agentConnected(SessionInfo session) {
        synchronized (this) {
            Agent agent = agent(session.agentName());
            agent.session = session;
            agent.results.clear();
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

    /** Keeps the result; true if the service's health changed. */
    private synchronized boolean record(String agentName, String service, CheckResult result) {
        Agent agent = agent(agentName);
        if (agent.session == null) {
            return false;
        }
        CheckResult previous = agent.results.put(service, result);
        return previous == null || previous.health() != result.health();
    }

    synchronized void defined(String vm, List<String> services) {
        agent(vm).defined = List.copyOf(services);
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

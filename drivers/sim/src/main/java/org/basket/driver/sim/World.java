package org.basket.driver.sim;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.basket.api.driver.DomainState;
import org.basket.api.driver.DriverException;

/**
 * The hosts and their domains, guarded by the datacenter's lock. Every change posts the events the
 * manager would hear and keeps the safety record.
 */
final class World {
    private final Map<String, SimHost> hosts = new TreeMap<>();
    private final SafetyRecord safety = new SafetyRecord();
    /** How often each domain was booted: started while active nowhere. A migration is no boot. */
    private final Map<String, Long> boots = new TreeMap<>();
    /** Where each domain is active, kept with every change: a look-up does not scan every host. */
    private final Map<String, Set<String>> activeOn = new HashMap<>();
    private final EventQueue events;

    World(EventQueue events) {
        this.events = events;
    }

    Collection<SimHost> hosts() {
        return hosts.values();
    }

    SafetyRecord safety() {
        return safety;
    }

    boolean contains(String host) {
        return hosts.containsKey(host);
    }

    void add(SimHost host) {
        if (hosts.putIfAbsent(host.name, host) != null) {
            throw new IllegalArgumentException("simulated host " + host.name + " already exists");
        }
    }

    /** For a driver call: the host, or a DriverException naming the call. */
    SimHost known(String host, String call) throws DriverException {
        SimHost known = hosts.get(host);
        if (known == null) {
            throw new DriverException(call + ": unknown simulated host " + host);
        }
        return known;
    }

    /** For a driver call: the host if the manager can reach it. */
    SimHost reachable(String host, String call) throws DriverException {
        SimHost known = known(host, call);
        if (!known.poweredOn) {
            throw new DriverException(call + ": host " + host + " unreachable (simulated power off)");
        }
        if (known.contactCut) {
            throw new DriverException(call + ": host " + host + " unreachable (simulated contact cut)");
        }
        return known;
    }

    /** For fault injection: the host, or an IllegalArgumentException. */
    SimHost existing(String host) {
        SimHost known = hosts.get(host);
        if (known == null) {
            throw new IllegalArgumentException("unknown simulated host " + host + " (known: " + hosts.keySet() + ")");
        }
        return known;
    }

    List<String> activeHosts(String domain) {
        return List.copyOf(activeOn.getOrDefault(domain, Set.of()));
    }

    void start(SimHost host, String domain) {
        if (!host.runs(domain)) {
            int activeBefore = activeHosts(domain).size();
            if (activeBefore == 0) {
                boots.merge(domain, 1L, Long::sum);
            }
            setState(host, domain, DomainState.RUNNING);
            safety.changed(domain, activeBefore, activeHosts(domain));
        }
    }

    long boots(String domain) {
        return boots.getOrDefault(domain, 0L);
    }

    void crash(String domain) {
        List<SimHost> running = activeHosts(domain).stream().map(hosts::get).toList();
        if (running.isEmpty()) {
            throw new IllegalArgumentException("domain " + domain + " is not active on any simulated host");
        }
        running.forEach(host -> setState(host, domain, DomainState.CRASHED));
    }

    void beginMigration(String call, String domain, String fromHost, String toHost) throws DriverException {
        SimHost from = reachable(fromHost, call);
        SimHost to = reachable(toHost, call);
        if (from == to) {
            throw new DriverException(call + ": source and target are the same host");
        }
        DomainState state = from.domains.get(domain);
        if (state != DomainState.RUNNING) {
            throw new DriverException(call + ": domain " + domain + " is not running on " + fromHost + " (" + describe(state) + ")");
        }
        if (to.runs(domain)) {
            throw new DriverException(call + ": domain " + domain + " is already active on " + toHost);
        }
        setState(from, domain, DomainState.MIGRATING);
    }

    /** The switch-over: at one instant the domain leaves the source and runs on the target. */
    void completeMigration(String call, String domain, String fromHost, String toHost) throws DriverException {
        SimHost from = hosts.get(fromHost);
        SimHost to = hosts.get(toHost);
        DomainState state = from.domains.get(domain);
        if (state != DomainState.MIGRATING) {
            throw new DriverException(call + ": domain " + domain + " left the migration on " + fromHost + " (" + describe(state) + ")");
        }
        if (!to.poweredOn || to.runs(domain)) {
            setState(from, domain, DomainState.RUNNING);
            throw new DriverException(call + ": " + (to.poweredOn
                    ? "domain " + domain + " became active on " + toHost + " during the migration"
                    : "target host " + toHost + " powered off during the migration"));
        }
        int activeBefore = activeHosts(domain).size();
        from.domains.remove(domain);
        indexActive(from, domain, false);
        notifyDomain(from, domain, DomainState.SHUTOFF);
        setState(to, domain, DomainState.RUNNING);
        safety.changed(domain, activeBefore, activeHosts(domain));
    }

    void abortMigration(String domain, String fromHost) {
        SimHost from = hosts.get(fromHost);
        if (from.domains.get(domain) == DomainState.MIGRATING) {
            setState(from, domain, DomainState.RUNNING);
        }
    }

    /** Powering off loses every domain; powering on boots without any. */
    void setPower(SimHost host, boolean on, String reason) {
        if (host.poweredOn == on) {
            return;
        }
        boolean wasReachable = host.reachable();
        host.poweredOn = on;
        host.domains.keySet().forEach(domain -> indexActive(host, domain, false));
        host.domains.clear();
        contactChanged(host, wasReachable, reason);
    }

    void setContactCut(SimHost host, boolean cut) {
        boolean wasReachable = host.reachable();
        host.contactCut = cut;
        contactChanged(host, wasReachable, cut ? "simulated contact cut" : "simulated contact healed");
    }

    void setState(SimHost host, String domain, DomainState state) {
        if (host.domains.put(domain, state) != state) {
            indexActive(host, domain, state.isActive());
            notifyDomain(host, domain, state);
        }
    }

    private void indexActive(SimHost host, String domain, boolean active) {
        if (active) {
            activeOn.computeIfAbsent(domain, d -> new TreeSet<>()).add(host.name);
        } else {
            activeOn.computeIfPresent(domain, (d, where) -> where.remove(host.name) && where.isEmpty() ? null : where);
        }
    }

    /** The manager hears nothing from a host it cannot reach. */
    private void notifyDomain(SimHost host, String domain, DomainState state) {
        if (host.reachable()) {
            events.post(host.name, listener -> listener.domainChanged(host.name, domain, state));
        }
    }

    private void contactChanged(SimHost host, boolean wasReachable, String reason) {
        boolean reachable = host.reachable();
        if (reachable != wasReachable) {
            events.post(host.name, listener -> listener.hostContact(host.name, reachable, reason));
        }
    }

    private static String describe(DomainState state) {
        return state == null ? "not there" : state.toString();
    }
}

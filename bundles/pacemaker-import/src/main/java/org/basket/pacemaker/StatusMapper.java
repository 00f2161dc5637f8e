package org.basket.pacemaker;

import static org.basket.pacemaker.Xml.attr;
import static org.basket.pacemaker.Xml.child;
import static org.basket.pacemaker.Xml.children;
import static org.basket.pacemaker.Xml.isTrue;
import static org.basket.pacemaker.Xml.nvpairs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.basket.api.model.Capacity;
import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.basket.api.model.HostState;
import org.basket.api.model.HostStatus;
import org.basket.api.model.ResourceStatus;
import org.basket.api.model.Score;
import org.w3c.dom.Element;

/**
 * The status section as Basket's observed state, read as Pacemaker's scheduler reads it: a node's membership gives
 * its state (a node that left without being expected to, or was never seen while startup fencing is on, is
 * unclean); each resource's operation history on a node, in call order, gives whether it runs, stopped or failed
 * there (a failure stands until a later start, stop or migration succeeds); fail counts come from the node's
 * {@code fail-count-*} attributes, and a hard error (not installed, ...) keeps the resource off that node. A stop
 * that failed leaves the node to be fenced (without fencing, the resource blocked).
 */
final class StatusMapper {
    private enum Seen { STOPPED, RUNNING, FAILED, STOP_FAILED }

    /**
     * What a history says beyond the state: a hard error (OCF 2 to 5: bad arguments, unimplemented,
     * insufficient privileges, not installed) keeps the resource off that node; a fatal one (6, not configured) off
     * every node.
     */
    private static final class Outcome {
        boolean hardError;
        boolean fatalError;
    }

    private final Element cib;
    private final ClusterConfig config;
    private final Map<String, Capacity> capacities;
    private final Map<String, String> nodeModes;
    private final Set<String> unmanaged;
    private final boolean fencing;
    private final boolean startupFencing;
    private final Set<String> fenceDevices;
    private final List<Unmapped> unmapped;
    /** Where each fence device runs, as Pacemaker places them (Basket runs its fence agents from the manager). */
    private final Map<String, List<String>> fenceDevicesOn = new TreeMap<>();

    StatusMapper(Element cib, ClusterConfig config, Map<String, Capacity> capacities, Map<String, String> nodeModes,
                 Set<String> unmanaged, boolean fencing, boolean startupFencing,
                 List<String> fenceDevices, List<Unmapped> unmapped) {
        this.cib = cib;
        this.config = config;
        this.capacities = capacities;
        this.nodeModes = nodeModes;
        this.unmanaged = unmanaged;
        this.fencing = fencing;
        this.startupFencing = startupFencing;
        this.fenceDevices = new TreeSet<>(fenceDevices);
        this.unmapped = unmapped;
    }

    Map<String, List<String>> fenceDevicesOn() {
        return fenceDevicesOn;
    }

    ClusterState state() {
        Map<String, Element> nodeStates = new TreeMap<>();
        for (Element ns : children(child(cib, "status"), "node_state")) {
            nodeStates.put(attr(ns, "uname", attr(ns, "id", "")), ns);
        }
        Map<String, HostState> hostStates = new TreeMap<>();
        List<HostStatus> hosts = new ArrayList<>();
        for (String host : config.hosts().keySet()) {
            Element ns = nodeStates.get(host);
            HostState state = hostState(ns);
            hostStates.put(host, state);
            hosts.add(new HostStatus(host, state, capacities.getOrDefault(host, Capacity.NONE), reason(ns, state),
                    true));
        }
        Map<String, List<String>> active = new TreeMap<>();
        Map<String, String> failed = new TreeMap<>();
        Map<String, Map<String, Integer>> failCounts = new TreeMap<>();
        Map<String, Map<String, Instant>> lastFailures = new TreeMap<>();
        Set<String> stopFailedHosts = new TreeSet<>();
        Map<String, String> blocked = new TreeMap<>();
        for (Map.Entry<String, Element> entry : nodeStates.entrySet()) {
            String host = entry.getKey();
            if (!hostStates.containsKey(host) || hostStates.get(host) == HostState.OFFLINE) {
                continue; // a node that is cleanly down runs nothing, whatever its history says
            }
            Element lrm = child(child(entry.getValue(), "lrm"), "lrm_resources");
            for (Element lr : children(lrm, "lrm_resource")) {
                String resource = attr(lr, "id", "");
                if (fenceDevices.contains(resource) || "stonith".equals(attr(lr, "class"))) {
                    if (history(lr, new Outcome()) == Seen.RUNNING) {
                        fenceDevicesOn.computeIfAbsent(resource, r -> new ArrayList<>()).add(host);
                    }
                    continue;
                }
                Outcome outcome = new Outcome();
                Seen seen = history(lr, outcome);
                switch (seen) {
                    case RUNNING -> active.computeIfAbsent(resource, r -> new ArrayList<>()).add(host);
                    case FAILED -> {
                        if (failed.putIfAbsent(resource, host) != null) {
                            // Basket names one host where it failed; failed elsewhere too, it counts as active there,
                            // as Pacemaker counts a failed resource: stopped there before it is recovered
                            active.computeIfAbsent(resource, r -> new ArrayList<>()).add(host);
                        }
                    }
                    case STOP_FAILED -> {
                        active.computeIfAbsent(resource, r -> new ArrayList<>()).add(host);
                        failed.putIfAbsent(resource, host);
                        if (fencing) {
                            stopFailedHosts.add(host);
                        } else {
                            blocked.putIfAbsent(resource, host); // without fencing Pacemaker leaves it alone (blocked)
                        }
                    }
                    default -> { }
                }
                if (outcome.hardError) {
                    failCounts.computeIfAbsent(resource, r -> new TreeMap<>()).put(host, Score.INFINITY);
                }
                if (outcome.fatalError) {
                    for (String h : hostStates.keySet()) {
                        failCounts.computeIfAbsent(resource, r -> new TreeMap<>()).put(h, Score.INFINITY);
                    }
                }
            }
            Map<String, String> attributes = nvpairs(child(entry.getValue(), "transient_attributes"),
                    "instance_attributes", new ArrayList<>());
            attributes.forEach((name, value) -> failureAttribute(host, name, value, failCounts, lastFailures));
        }
        for (String host : stopFailedHosts) {
            if (fencing && hostStates.get(host).isActionable()) {
                replace(hosts, host, HostState.UNCLEAN, "a stop failed there: Pacemaker fences it");
            }
        }
        Set<String> names = new TreeSet<>(active.keySet());
        names.addAll(failed.keySet());
        names.addAll(failCounts.keySet());
        names.addAll(unmanaged);
        names.addAll(blocked.keySet());
        List<ResourceStatus> resources = new ArrayList<>();
        for (String r : names) {
            resources.add(new ResourceStatus(r, active.getOrDefault(r, List.of()), failed.getOrDefault(r, ""),
                    failCounts.getOrDefault(r, Map.of()), unmanaged.contains(r), lastFailures.getOrDefault(r, Map.of()),
                    blocked.getOrDefault(r, "")));
        }
        return ClusterState.of(hosts, resources);
    }

    private static void replace(List<HostStatus> hosts, String host, HostState state, String reason) {
        for (int i = 0; i < hosts.size(); i++) {
            HostStatus h = hosts.get(i);
            if (h.name().equals(host)) {
                hosts.set(i, new HostStatus(host, state, h.capacity(), reason, h.probed()));
            }
        }
    }

    /** Pacemaker's reading of a node's membership, when the cluster fences (else an unclean node counts as down). */
    private HostState hostState(Element ns) {
        String name = ns == null ? "" : attr(ns, "uname", "");
        if (nodeModes.getOrDefault(name, "").equals("maintenance")) {
            return HostState.MAINTENANCE; // Pacemaker leaves a node in maintenance and its resources as they are
        }
        HostState membership = membership(ns);
        if (membership == HostState.UNCLEAN && !fencing) {
            return HostState.OFFLINE;
        }
        if (membership != HostState.ONLINE) {
            return membership;
        }
        Map<String, String> attributes = nvpairs(child(ns, "transient_attributes"), "instance_attributes",
                new ArrayList<>());
        String mode = nodeModes.getOrDefault(name, "");
        if (mode.equals("maintenance") || isTrue(attributes.get("maintenance"))) {
            return HostState.MAINTENANCE;
        }
        String shutdown = attributes.get("shutdown");
        if (mode.equals("standby") || isTrue(attributes.get("standby"))
                || (shutdown != null && !shutdown.equals("0"))) {
            return HostState.STANDBY;
        }
        return HostState.ONLINE;
    }

    private HostState membership(Element ns) {
        if (ns == null) {
            return startupFencing ? HostState.UNCLEAN : HostState.OFFLINE;
        }
        String inCcm = attr(ns, "in_ccm");
        String crmd = attr(ns, "crmd", "");
        String join = attr(ns, "join", "");
        String expected = attr(ns, "expected", "down");
        boolean crmdOnline = crmd.equals("online");
        if (inCcm == null) {
            return HostState.UNCLEAN;
        }
        if (join.equals("nack") || join.equals("banned")) {
            return HostState.UNCLEAN;
        }
        if (expected.equals("down")) {
            return isTrue(inCcm) || crmdOnline ? HostState.STANDBY : HostState.OFFLINE;
        }
        if (!isTrue(inCcm) || !crmdOnline) {
            return HostState.UNCLEAN;
        }
        if (join.equals("member")) {
            return HostState.ONLINE;
        }
        return join.equals("pending") || join.equals("down") ? HostState.STANDBY : HostState.UNCLEAN;
    }

    private static String reason(Element ns, HostState state) {
        return switch (state) {
            case UNCLEAN -> ns == null ? "never seen by the cluster" : "left the cluster unexpectedly";
            case OFFLINE -> "down";
            default -> "";
        };
    }

    /** What one resource's history on one node says, in call order. */
    private Seen history(Element lrmResource, Outcome outcome) {
        List<Element> ops = new ArrayList<>(children(lrmResource, "lrm_rsc_op"));
        ops.sort(Comparator.comparingLong(StatusMapper::callId));
        Seen seen = Seen.STOPPED;
        for (Element op : ops) {
            String task = attr(op, "operation", "");
            int rc = integer(attr(op, "rc-code"), 0);
            int status = integer(attr(op, "op-status"), 0);
            long interval = integer(attr(op, "interval"), 0);
            if (rc == 8 || rc == 9 || task.equals("promote") || task.equals("demote")) {
                unmapped.add(new Unmapped("lrm_rsc_op", attr(op, "id", ""), "a promoted role in the history: Basket"
                        + " has no roles"));
                continue;
            }
            if (status == 1 || task.equals("notify") || task.equals("meta-data")) {
                continue;
            }
            if (status == -1 || callId(op) < 0) {
                if (task.equals("start") || task.equals("migrate_from") || task.equals("stop")
                        || task.equals("migrate_to")) {
                    seen = Seen.RUNNING;
                }
                continue;
            }
            boolean probe = task.equals("monitor") && interval == 0;
            // as Pacemaker remaps a result: the exit code it expected (the transition key's) is a success
            boolean expected = rc == expectedRc(op, probe) && (status == 0 || status == 4);
            // "not running" is a success of a stop, of a probe and of a monitor that expected it (role Stopped)
            boolean ok = (status == 0 || expected) && (rc == 0 || (rc == 7 && (task.equals("stop") || probe
                    || (task.equals("monitor") && expected))));
            if (ok && seen == Seen.FAILED && task.equals("monitor") && !(rc == 7 && probe)) {
                continue; // a failure stands until a start, stop or migration succeeds, as in Pacemaker
            }
            if (ok) {
                seen = switch (task) {
                    case "stop" -> Seen.STOPPED;
                    case "migrate_to" -> Seen.STOPPED;
                    case "monitor" -> rc == 7 ? Seen.STOPPED : Seen.RUNNING;
                    default -> Seen.RUNNING;
                };
                continue;
            }
            // execution status 5: hard error, 6: fatal error, 7: agent not installed
            if ((status == 0 && rc >= 2 && rc <= 5) || status == 5 || status == 7) {
                outcome.hardError = true;
            } else if ((status == 0 && rc == 6) || status == 6) {
                outcome.fatalError = true;
            }
            if (probe && (rc == 5 || status == 7)) {
                seen = Seen.STOPPED; // not installed there: it does not run there, and cannot
                continue;
            }
            if (task.equals("stop")) {
                seen = Seen.STOP_FAILED;
            } else {
                seen = Seen.FAILED;
            }
        }
        return seen;
    }

    /** The exit code the controller expected, from the transition key {@code action:transition:rc:uuid}. */
    private static int expectedRc(Element op, boolean probe) {
        String[] key = attr(op, "transition-key", "").split(":");
        return key.length >= 3 ? integer(key[2], probe ? 7 : 0) : probe ? 7 : 0;
    }

    private static long callId(Element op) {
        return integer(attr(op, "call-id"), -1);
    }

    private static int integer(String text, int fallback) {
        try {
            return text == null ? fallback : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** {@code fail-count-RSC}, {@code fail-count-RSC#start_0}: summed; {@code last-failure-RSC...}: the latest. */
    private void failureAttribute(String host, String name, String value, Map<String, Map<String, Integer>> counts,
                                  Map<String, Map<String, Instant>> last) {
        if (name.startsWith("fail-count-")) {
            String resource = resourceOf(name.substring("fail-count-".length()));
            int n;
            try {
                n = Score.parse(value);
            } catch (IllegalArgumentException e) {
                return;
            }
            if (n > 0) {
                counts.computeIfAbsent(resource, r -> new TreeMap<>()).merge(host, n, Score::add);
            }
        } else if (name.startsWith("last-failure-")) {
            String resource = resourceOf(name.substring("last-failure-".length()));
            try {
                Instant at = Instant.ofEpochSecond(Long.parseLong(value.trim()));
                last.computeIfAbsent(resource, r -> new TreeMap<>()).merge(host, at,
                        (a, b) -> a.isAfter(b) ? a : b);
            } catch (NumberFormatException e) {
                // not a time: no expiry for it
            }
        }
    }

    private static String resourceOf(String suffix) {
        int hash = suffix.indexOf('#');
        return hash < 0 ? suffix : suffix.substring(0, hash);
    }
}

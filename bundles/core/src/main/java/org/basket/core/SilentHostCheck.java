package org.basket.core;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;

import org.basket.api.cluster.EventKind;
import org.basket.api.model.Host;
import org.basket.core.driver.DriverRegistry;

/**
 * The second, independent check before a silent host is declared dead: it tells "host dead" from
 * "manager cut off". Each host silent beyond the dead timeout has its fence devices asked for its
 * power state, and the silence is weighed against the rest of the cluster:
 * <ul>
 * <li>power off: the host is dead;</li>
 * <li>otherwise, if most hosts Basket cannot account for are silent at once, Basket is more likely the
 * one cut off: the host stays suspect and nothing is done;</li>
 * <li>otherwise the host is unclean (a power-on answer means its hypervisor is unreachable) and fenced.</li>
 * </ul>
 * A host declared dead starts with a fresh fencing back-off.
 */
final class SilentHostCheck {
    private final HostTracker hosts;
    private final FenceLevels fenceLevels;
    private final DriverRegistry registry;
    private final EventLog events;
    private final FenceBackoff backoff;
    private final ExecutorService pool;
    private final EngineTime time;
    private volatile Duration timeout;

    SilentHostCheck(HostTracker hosts, FenceLevels fenceLevels, DriverRegistry registry, EventLog events,
                    FenceBackoff backoff, ExecutorService pool, Duration timeout, EngineTime time) {
        this.time = time;
        this.backoff = backoff;
        this.hosts = hosts;
        this.fenceLevels = fenceLevels;
        this.registry = registry;
        this.events = events;
        this.pool = pool;
        this.timeout = timeout;
    }

    void setTimeout(Duration value) {
        timeout = value;
    }

    /** Checks every overdue host of {@code managed}, asking their devices in parallel. */
    void run(List<Host> managed, Instant now) throws InterruptedException {
        List<String> names = managed.stream().map(Host::name).toList();
        List<String> overdue = hosts.overdue(now).stream().filter(names::contains).toList();
        if (overdue.isEmpty()) {
            return;
        }
        long silent = names.stream().filter(h -> !hosts.accountedFor(h)).count();
        boolean mostSilent = silent * 2 > names.size();
        Map<String, Future<String>> answers = new LinkedHashMap<>();
        overdue.forEach(host -> answers.put(host, pool.submit(() -> fenceLevels.powerState(host, registry.fenceDeviceOf(host)))));
        long deadline = time.nanoTime() + timeout.toNanos();
        for (Map.Entry<String, Future<String>> answer : answers.entrySet()) {
            String power = await(answer.getValue(), deadline);
            decide(answer.getKey(), power, mostSilent ? silent + " of " + names.size() : "");
        }
    }

    private void decide(String host, String power, String mostSilent) {
        if (!mostSilent.isEmpty() && !power.startsWith("off")) {
            String reason = "silent, but so are " + mostSilent + " hosts, and " + power
                    + ": Basket may be the one cut off, so it does not act";
            if (hosts.explain(host, reason)) {
                events.entry(EventKind.ALERT, "host " + host + ": " + reason).host(host).error();
            }
            return;
        }
        backoff.reset(host);
        if (power.startsWith("off")) {
            hosts.confirmDead(host, "silent, and " + power + ": the host is dead");
            events.entry(EventKind.HOST_DEAD, "host " + host + " is dead: " + power).host(host).warn();
        } else {
            hosts.confirmDead(host, "silent while the rest of the cluster answers, and " + power + ": to be fenced");
            events.entry(EventKind.HOST_DEAD, "host " + host + " is unclean: silent while the rest of the cluster answers, and "
                    + power).host(host).warn();
        }
    }

    private String await(Future<String> answer, long deadline) throws InterruptedException {
        try {
            return time.get(answer, deadline);
        } catch (TimeoutException e) {
            answer.cancel(true);
            return "its fence devices did not answer in time";
        } catch (ExecutionException e) {
            return "its fence devices failed: " + e.getCause();
        }
    }
}

package org.basket.agent.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.basket.api.monitor.CheckResult;
import org.basket.api.monitor.ServiceDefinition;
import org.basket.api.monitor.ServiceHealth;
import org.basket.api.monitor.ServiceMonitor;
import org.basket.channel.protocol.MonitorResult;
import org.basket.channel.protocol.StateChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every defined service at its interval with its monitor and reports each result, and a state
 * change when the health differs from the last. One timer thread starts the checks; they run on a pool
 * where a hanging check holds only its own service (its next checks are skipped while it runs).
 */
final class ServiceWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceWatcher.class);

    private final MonitorRegistry monitors;
    private final Reports reports;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(threads("basket-agent-timer"));
    private final ExecutorService checkers = Executors.newCachedThreadPool(threads("basket-agent-check"));
    private final Map<String, WatchedService> services = new LinkedHashMap<>();

    ServiceWatcher(MonitorRegistry monitors, Reports reports, Clock clock) {
        this.monitors = monitors;
        this.reports = reports;
        this.clock = clock;
    }

    /**
     * Makes {@code definitions} the services watched. Unchanged services keep their schedule and state; new and
     * changed ones are admitted (their monitor found and their definition validated) but not yet checked:
     * they are returned for {@link #checkFirst} and scheduled from one interval on.
     */
    synchronized List<WatchedService> replace(List<ServiceDefinition> definitions) {
        Map<String, WatchedService> next = new LinkedHashMap<>();
        List<WatchedService> fresh = new ArrayList<>();
        for (ServiceDefinition definition : definitions) {
            WatchedService current = services.remove(definition.name());
            if (current != null && current.definition.equals(definition)) {
                next.put(definition.name(), current);
                continue;
            }
            if (current != null) {
                current.unschedule();
            }
            WatchedService service = new WatchedService(definition);
            admit(service, definition.interval());
            next.put(definition.name(), service);
            fresh.add(service);
        }
        services.values().forEach(removed -> {
            removed.unschedule();
            LOG.info("Service {} is no longer watched", removed.name());
        });
        services.clear();
        services.putAll(next);
        return fresh;
    }

    /** Checks each of {@code fresh} once, in parallel, waiting at most {@code timeout}; names those not done in time. */
    List<String> checkFirst(List<WatchedService> fresh, Duration timeout) {
        Map<String, CompletableFuture<?>> checks = new LinkedHashMap<>();
        for (WatchedService service : fresh) {
            if (service.monitor != null) {
                checks.put(service.name(), CompletableFuture.runAsync(() -> guardedCheck(service), checkers));
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> late = new ArrayList<>();
        for (var check : checks.entrySet()) {
            try {
                check.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                late.add(check.getKey());
            } catch (ExecutionException e) {
                LOG.warn("First check of {} failed: {}", check.getKey(), e.getCause().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                late.add(check.getKey());
            }
        }
        return late;
    }

    /** Checks every service now and from then on at its interval (the definitions loaded at start). */
    synchronized void startAll() {
        services.values().stream().filter(service -> service.monitor != null).forEach(service -> {
            service.unschedule();
            schedule(service, Duration.ZERO);
        });
    }

    /** A monitor type came or went: services waiting for it become checkable, services that used it wait. */
    synchronized void monitorsChanged(String type) {
        for (WatchedService service : services.values()) {
            if (!service.definition.type().equals(type)) {
                continue;
            }
            Optional<ServiceMonitor> present = monitors.find(type);
            if (present.isPresent() && present.get() == service.monitor) {
                continue;
            }
            service.unschedule();
            service.monitor = null;
            admit(service, Duration.ZERO);
        }
    }

    Optional<WatchedService> find(String name) {
        synchronized (this) {
            return Optional.ofNullable(services.get(name));
        }
    }

    synchronized List<WatchedService> all() {
        return List.copyOf(services.values());
    }

    /** Sends the latest result of every service again: a new session starts from the whole picture. */
    void resendAll() {
        for (WatchedService service : all()) {
            MonitorResult latest = service.latest();
            if (latest != null) {
                reports.result(latest);
            }
        }
    }

    /** Checks now on the caller's thread and reports; for commands and the first checks. */
    MonitorResult checkOnce(WatchedService service) {
        ServiceMonitor monitor = service.monitor;
        Instant started = clock.instant();
        MonitorResult result;
        if (monitor == null) {
            result = new MonitorResult(service.name(), ServiceHealth.UNKNOWN, service.problem, started);
        } else {
            CheckResult check;
            try {
                check = monitor.check(service.definition);
            } catch (RuntimeException e) {
                check = new CheckResult(ServiceHealth.UNKNOWN, "check of service '" + service.name() + "' ("
                        + service.definition.type() + ") failed: " + e);
            }
            result = new MonitorResult(service.name(), check.health(), check.message(), started);
        }
        record(service, result);
        return result;
    }

    /** At most one scheduled check of a service at a time: while one hangs, the next ones are skipped (logged once). */
    private void guardedCheck(WatchedService service) {
        if (!service.checking.compareAndSet(false, true)) {
            if (!service.skipping) {
                service.skipping = true;
                LOG.warn("Check of {} skipped: the previous one still runs (further skips not logged)", service.name());
            }
            return;
        }
        try {
            checkOnce(service);
        } finally {
            service.skipping = false;
            service.checking.set(false);
        }
    }

    private void record(WatchedService service, MonitorResult result) {
        synchronized (service) {
            MonitorResult previous = service.keep(result);
            if (previous == result) {
                return;
            }
            reports.result(result);
            ServiceHealth before = previous == null ? ServiceHealth.UNKNOWN : previous.health();
            if (before != result.health()) {
                LOG.info("Service {}: {} -> {}: {}", service.name(), before, result.health(), result.detail());
                reports.change(new StateChange(service.name(), before, result.health(), result.detail(), result.checkedAt()));
            }
        }
    }

    /** Finds the monitor and validates; a checkable service's first scheduled check comes after {@code firstDelay}. */
    private void admit(WatchedService service, Duration firstDelay) {
        ServiceDefinition definition = service.definition;
        Optional<ServiceMonitor> monitor = monitors.find(definition.type());
        if (monitor.isEmpty()) {
            service.problem = "service '" + definition.name() + "' (type '" + definition.type() + "'): no monitor of type '"
                    + definition.type() + "' in this agent (present: " + monitors.types() + "); it waits for one";
            LOG.error("{}", service.problem);
            reportProblem(service);
            return;
        }
        try {
            monitor.get().validate(definition);
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            service.problem = message.contains("'" + definition.name() + "'") ? message
                    : "service '" + definition.name() + "' (" + definition.type() + "): " + message;
            service.problem = "definition rejected: " + service.problem;
            LOG.error("Service {} not checked: {}", definition.name(), service.problem);
            reportProblem(service);
            return;
        }
        service.problem = null;
        service.monitor = monitor.get();
        schedule(service, firstDelay);
    }

    private void reportProblem(WatchedService service) {
        record(service, new MonitorResult(service.name(), ServiceHealth.UNKNOWN, service.problem, clock.instant()));
    }

    private void schedule(WatchedService service, Duration firstDelay) {
        long interval = service.definition.interval().toMillis();
        service.schedule = timer.scheduleAtFixedRate(() -> checkers.execute(() -> guardedCheck(service)),
                firstDelay.toMillis(), interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        services.values().forEach(WatchedService::unschedule);
        timer.shutdownNow();
        checkers.shutdownNow();
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

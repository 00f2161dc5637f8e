package org.basket.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.basket.api.driver.DriverException;
import org.basket.api.driver.Fencing;
import org.basket.api.driver.HypervisorDriver;
import org.basket.api.driver.LiveMigration;
import org.basket.api.driver.MigrationOptions;
import org.basket.api.fence.FenceDevice;
import org.basket.api.fence.FenceException;
import org.basket.api.plan.Action;
import org.basket.api.plan.Transition;
import org.basket.core.driver.DriverRegistry;
import org.basket.core.journal.FenceRecord;
import org.basket.core.journal.OperationRecord;
import org.basket.core.journal.Outcome;

/**
 * Runs a transition: each action once all its predecessors succeeded, in parallel where the
 * orderings allow, each cancelled when it exceeds its timeout. An action whose predecessor failed
 * is skipped; the next observation and plan take it from there.
 */
final class ActionExecutor {
    private final DriverRegistry registry;
    private final Observer observer;
    private final HostTracker hosts;
    private final EventLog events;
    private final ExecutorService pool;
    private final FenceLevels fenceLevels;
    private final Durable durable;
    private final Clock clock;
    /** The action whose thread is running, by resource: a timed-out one may still be running. */
    private final Map<String, Action> busy = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Timeouts timeouts;

    ActionExecutor(DriverRegistry registry, Observer observer, HostTracker hosts, EventLog events,
                   ExecutorService pool, Timeouts timeouts, FenceLevels fenceLevels, Durable durable, Clock clock) {
        this.registry = registry;
        this.observer = observer;
        this.hosts = hosts;
        this.events = events;
        this.pool = pool;
        this.timeouts = timeouts;
        this.fenceLevels = fenceLevels;
        this.durable = durable;
        this.clock = clock;
    }

    void setTimeouts(Timeouts value) {
        timeouts = value;
    }

    /** @return whether every action succeeded */
    boolean execute(Transition transition) throws InterruptedException {
        ExecutorCompletionService<Action> completion = new ExecutorCompletionService<>(pool);
        List<Action> pending = new ArrayList<>(transition.actions());
        Map<Action, Boolean> outcome = new HashMap<>();
        Map<Future<Action>, Action> running = new HashMap<>();
        Map<Future<Action>, Long> deadlines = new HashMap<>();
        while (!pending.isEmpty() || !running.isEmpty()) {
            for (Action action : List.copyOf(pending)) {
                List<Action> before = transition.predecessors(action);
                if (!outcome.keySet().containsAll(before)) {
                    continue;
                }
                pending.remove(action);
                if (before.stream().allMatch(outcome::get)) {
                    Future<Action> future = completion.submit(() -> {
                        run(action);
                        return action;
                    });
                    running.put(future, action);
                    deadlines.put(future, System.nanoTime() + timeouts.of(action).toNanos());
                } else {
                    outcome.put(action, false);
                    durable.actionCompleted(action.toString(), false);
                    events.warn(action + ": skipped, an action it waits for failed");
                }
            }
            if (running.isEmpty()) {
                continue;
            }
            long nearest = deadlines.values().stream().mapToLong(Long::longValue).min().getAsLong();
            Future<Action> done = completion.poll(Math.max(0, nearest - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (done != null) {
                Action action = running.remove(done);
                deadlines.remove(done);
                if (action != null) { // null: it timed out and was cancelled already
                    outcome.put(action, succeeded(action, done));
                    durable.actionCompleted(action.toString(), outcome.get(action));
                }
            } else {
                expire(running, deadlines, outcome);
            }
        }
        return outcome.values().stream().allMatch(Boolean::booleanValue);
    }

    private void expire(Map<Future<Action>, Action> running, Map<Future<Action>, Long> deadlines,
                        Map<Action, Boolean> outcome) {
        long now = System.nanoTime();
        for (Future<Action> future : List.copyOf(running.keySet())) {
            if (deadlines.get(future) <= now) {
                Action action = running.remove(future);
                deadlines.remove(future);
                future.cancel(true);
                outcome.put(action, false);
                durable.actionCompleted(action.toString(), false);
                failed(action, "timed out after " + timeouts.of(action).toMillis() + " ms");
            }
        }
    }

    private boolean succeeded(Action action, Future<Action> done) throws InterruptedException {
        try {
            done.get();
            return true;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            failed(action, cause instanceof DriverException || cause instanceof FenceException ? cause.getMessage()
                    : cause.toString());
            return false;
        } catch (CancellationException e) {
            failed(action, "cancelled");
            return false;
        }
    }

    private void failed(Action action, String reason) {
        events.error(action + " failed: " + reason);
        action.resource().ifPresent(resource -> {
            String host = action instanceof Action.Start start ? start.host() : action.host();
            observer.cancelDeparture(resource, action.host());
            observer.actionFailed(resource, host, clock.instant());
        });
    }

    /**
     * Runs one action. Until its thread ends, even after a timeout, no other action may touch its
     * resource, and a start or migration keeps the resource counted as active on its hosts: a
     * driver call that was given up on may still take effect.
     */
    private void run(Action action) throws Exception {
        String resource = action.resource().orElse(null);
        if (resource == null) {
            execute(action);
            return;
        }
        Action other = busy.putIfAbsent(resource, action);
        if (other != null) {
            throw new DriverException("waiting for '" + other + "', which timed out and is still running");
        }
        List<String> hosts = action instanceof Action.Migrate m ? List.of(m.from(), m.to())
                : action instanceof Action.Start ? List.of(action.host()) : List.of();
        hosts.forEach(h -> observer.pin(resource, h));
        try {
            execute(action);
        } finally {
            hosts.forEach(h -> observer.unpin(resource, h));
            busy.remove(resource, action);
        }
    }

    /** Runs the action and writes it to the operation history, however it ends. */
    private void execute(Action action) throws Exception {
        Instant started = clock.instant();
        long start = System.nanoTime();
        Outcome result = Outcome.FAILED;
        String message = "";
        try {
            perform(action);
            result = Outcome.SUCCEEDED;
        } catch (Exception e) {
            message = e.getMessage() == null ? e.toString() : e.getMessage();
            throw e;
        } finally {
            durable.operation(new OperationRecord(action.toString(), action.host(), started,
                    Duration.ofNanos(System.nanoTime() - start), result, message));
        }
    }

    private void perform(Action action) throws Exception {
        long started = System.nanoTime();
        if (action instanceof Action.Start start) {
            observer.mayRun(start.name(), start.host());
            registry.require(start.host()).start(start.host(), observer.domainOf(start.name()));
        } else if (action instanceof Action.Stop stop) {
            observer.expectDeparture(stop.name(), stop.host());
            registry.require(stop.host()).stop(stop.host(), observer.domainOf(stop.name()), grace());
        } else if (action instanceof Action.Migrate migrate) {
            migrate(migrate);
        } else if (action instanceof Action.Fence fence) {
            fence(fence.host());
        } else if (action instanceof Action.Monitor monitor) {
            registry.require(monitor.host()).monitor(monitor.host(), observer.domainOf(monitor.name()));
        }
        events.info(action + ": done in " + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
    }

    private Duration grace() {
        return timeouts.stop().dividedBy(2);
    }

    private void migrate(Action.Migrate migrate) throws DriverException {
        HypervisorDriver driver = registry.require(migrate.from());
        LiveMigration migration = driver.capability(LiveMigration.class).orElseThrow(
                () -> new DriverException("the driver of host " + migrate.from() + " cannot live-migrate"));
        observer.expectDeparture(migrate.name(), migrate.from());
        observer.mayRun(migrate.name(), migrate.to());
        migration.migrate(observer.domainOf(migrate.name()), migrate.from(), migrate.to(), MigrationOptions.DEFAULT);
    }

    /** Whether no action thread runs, not even one that timed out. */
    boolean isIdle() {
        return busy.isEmpty();
    }

    /** Fences a host through its levels, then its driver; also the operator's {@code ha:fence}. */
    void fence(String host) throws FenceException {
        Optional<FenceDevice> driverDevice;
        try {
            Optional<Fencing> fencing = registry.endpointOf(host).capability(Fencing.class);
            driverDevice = fencing.isPresent() ? Optional.of(fencing.get().fenceDevice(host)) : Optional.empty();
        } catch (DriverException e) {
            driverDevice = Optional.empty();
        }
        FenceDevice device;
        try {
            device = fenceLevels.fence(host, driverDevice);
        } catch (FenceException e) {
            durable.fence(new FenceRecord(host, "every level", Outcome.FAILED, clock.instant(), e.getMessage()));
            throw e;
        }
        durable.fence(new FenceRecord(host, device.name(), Outcome.SUCCEEDED, clock.instant(), ""));
        hosts.fenced(host, device.name());
        observer.fenced(host);
        events.warn("host " + host + " fenced by " + device.name());
    }
}

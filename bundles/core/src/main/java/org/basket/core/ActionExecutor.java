package org.basket.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.basket.api.fence.PowerState;
import org.basket.api.plan.Action;
import org.basket.api.plan.Transition;
import org.basket.core.driver.DriverRegistry;

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
    private volatile Timeouts timeouts;

    ActionExecutor(DriverRegistry registry, Observer observer, HostTracker hosts, EventLog events,
                   ExecutorService pool, Timeouts timeouts) {
        this.registry = registry;
        this.observer = observer;
        this.hosts = hosts;
        this.events = events;
        this.pool = pool;
        this.timeouts = timeouts;
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
            observer.actionFailed(resource, host);
        });
    }

    private void run(Action action) throws Exception {
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

    private void fence(String host) throws DriverException, FenceException {
        Fencing fencing = registry.endpointOf(host).capability(Fencing.class).orElseThrow(
                () -> new FenceException("no fence device for host " + host
                        + ": its resources stay unrecovered until it is fenced or answers again"));
        FenceDevice device = fencing.fenceDevice(host);
        device.powerOff();
        PowerState state = device.status();
        if (state != PowerState.OFF) {
            throw new FenceException(device.name() + " reports power " + state + " after power-off");
        }
        hosts.fenced(host);
        observer.fenced(host);
        events.warn("host " + host + " fenced by " + device.name());
    }
}

package org.basket.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.basket.api.cluster.EventKind;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.HypervisorDriver;
import org.basket.api.driver.LiveMigration;
import org.basket.api.driver.MigrationOptions;
import org.basket.api.cluster.Progress;
import org.basket.api.cluster.Progress.Phase;
import org.basket.api.model.ClusterConfig;
import org.basket.api.model.Operations;
import org.basket.api.model.Resource;
import org.basket.api.monitor.AgentException;
import org.basket.api.fence.FenceException;
import org.basket.api.plan.Action;
import org.basket.api.plan.Transition;
import org.basket.core.config.StopFailure;
import org.basket.core.driver.DriverRegistry;
import org.basket.core.journal.FenceRecord;
import org.basket.core.journal.Flag;
import org.basket.core.journal.OperationRecord;
import org.basket.core.journal.Outcome;

/**
 * Runs a transition: each action once all its predecessors succeeded, in parallel where the
 * orderings allow and the per-host limit admits, each cancelled when it exceeds its timeout. A
 * failed action, news from the cluster or the operator's cancel abandon what has not started; the
 * next observation and plan take it from there. Fencing of a host that is backing off after failures
 * waits, and so does everything after it. Once nothing is left to start and only actions inside guests
 * run, the transition ends without them: each goes on until its agent answers or its own timeout, and
 * its outcome is told then, so that an agent that does not answer never holds the control loop.
 */
final class ActionExecutor {
    /** How often news is looked for while an agent is waited for. */
    private static final Duration NEWS_CHECK = Duration.ofMillis(100);
    private final DriverRegistry registry;
    private final GuestGateway guests;
    private final Observer observer;
    private final HostTracker hosts;
    private final EventLog events;
    private final ExecutorService pool;
    private final FenceLevels fenceLevels;
    private final FenceBackoff backoff;
    private final Durable durable;
    private final EngineTime time;
    private final Clock clock;
    private final ProgressTracker progress;
    /** The action whose thread is running, by resource: a timed-out one may still be running. */
    private final Map<String, Action> busy = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Timeouts timeouts;
    private volatile int actionsPerHost = Integer.MAX_VALUE;
    private volatile int migrationsPerHost;
    private volatile StopFailure stopFailure = StopFailure.FENCE;
    private volatile BooleanSupplier clusterMaintenance = () -> false;
    private volatile String cancelled;
    private volatile ClusterConfig config = ClusterConfig.EMPTY;
    private final Leadership leadership;
    /** The epoch the transition being executed was planned in. */
    private volatile long epoch = Leadership.ALONE;

    ActionExecutor(DriverRegistry registry, GuestGateway guests, Observer observer, HostTracker hosts, EventLog events,
                   ExecutorService pool, Timeouts timeouts, FenceLevels fenceLevels, FenceBackoff backoff,
                   Durable durable, EngineTime time, Leadership leadership) {
        this.leadership = leadership;
        this.registry = registry;
        this.guests = guests;
        this.observer = observer;
        this.hosts = hosts;
        this.events = events;
        this.pool = pool;
        this.timeouts = timeouts;
        this.fenceLevels = fenceLevels;
        this.backoff = backoff;
        this.durable = durable;
        this.time = time;
        this.clock = time.clock();
        this.progress = new ProgressTracker(clock);
        guests.setSyncDeadline(timeouts.start());
    }

    /** Also the deadline of an agent's definitions update, which precedes a start. */
    void setTimeouts(Timeouts value) {
        timeouts = value;
        guests.setSyncDeadline(value.start());
    }

    void setActionsPerHost(int value) {
        actionsPerHost = value;
    }

    /** {@code migration.limit.host} (0: no limit), also counting migrations of earlier transitions still running. */
    void setMigrationsPerHost(int value) {
        migrationsPerHost = value;
    }

    /** What a failed stop does where a fence device exists ({@code stop.failure}). */
    void setStopFailure(StopFailure value) {
        stopFailure = value;
    }

    /** Whether the whole cluster is in maintenance: then no host is fenced for a failed stop. */
    void watchClusterMaintenance(BooleanSupplier value) {
        clusterMaintenance = value;
    }

    Progress progress() {
        return progress.snapshot();
    }

    /** Abandons the actions of the running transition that have not started. */
    void cancel(String reason) {
        cancelled = reason;
    }

    /**
     * @param epoch the epoch this manager leads in: every call is made only while it still does
     * @param news  why the plan is out of date, or {@code null}: polled before each start
     * @return whether every action succeeded
     */
    boolean execute(Transition transition, ClusterConfig configuration, long epoch, Supplier<String> news)
            throws InterruptedException {
        cancelled = null;
        config = configuration;
        this.epoch = epoch;
        progress.begin(transition.actions());
        try {
            return run(transition, news);
        } finally {
            progress.end();
        }
    }

    private boolean run(Transition transition, Supplier<String> news) throws InterruptedException {
        Map<Action, List<Action>> predecessors = new HashMap<>();
        transition.orderings().forEach(o -> predecessors.computeIfAbsent(o.then(), a -> new ArrayList<>()).add(o.first()));
        CompletionService<Action> completion = time.completions(pool);
        List<Action> pending = new ArrayList<>(transition.actions());
        Map<Action, Boolean> outcome = new HashMap<>();
        Map<Future<Action>, Action> running = new HashMap<>();
        Map<Future<Action>, Long> deadlines = new HashMap<>();
        Map<Future<Action>, AtomicBoolean> claims = new HashMap<>();
        Map<String, Integer> perHost = new HashMap<>();
        Set<Action> planned = Set.copyOf(transition.actions());
        boolean complete = true;
        while (!pending.isEmpty() || !running.isEmpty()) {
            String stop = cancelled != null ? cancelled : news.get();
            if (stop != null && !pending.isEmpty()) {
                abandon(pending, stop);
                complete = false;
            }
            for (Action action : List.copyOf(pending)) {
                List<Action> before = predecessors.getOrDefault(action, List.of());
                if (!outcome.keySet().containsAll(before)) {
                    continue;
                }
                Optional<String> waits = waitsFor(action, before, outcome).or(() -> lateMigration(action, planned));
                if (waits.isPresent()) {
                    pending.remove(action);
                    outcome.put(action, false);
                    progress.notStarted(action, Phase.WAITING, waits.get());
                    complete = false;
                    continue;
                }
                if (!admitted(action, perHost)) {
                    continue;
                }
                pending.remove(action);
                hostsOf(action).forEach(h -> perHost.merge(h, 1, Integer::sum));
                progress.running(action);
                AtomicBoolean claimed = new AtomicBoolean();
                Future<Action> future = completion.submit(() -> runClaimed(action, claimed));
                running.put(future, action);
                deadlines.put(future, time.nanoTime() + timeout(action).toNanos());
                claims.put(future, claimed);
            }
            if (pending.isEmpty() && running.values().stream().allMatch(this::inGuest)) {
                running.entrySet().removeIf(entry -> detach(entry.getValue(), claims.get(entry.getKey())));
                deadlines.keySet().retainAll(running.keySet());
            }
            if (running.isEmpty()) {
                continue;
            }
            long nearest = deadlines.values().stream().mapToLong(Long::longValue).min().getAsLong();
            long wait = Math.max(0, nearest - time.nanoTime());
            if (running.values().stream().anyMatch(this::inGuest)) {
                wait = Math.min(wait, NEWS_CHECK.toNanos()); // news abandons what waits for an agent
            }
            Future<Action> done = completion.poll(wait, TimeUnit.NANOSECONDS);
            List<Action> finished = new ArrayList<>();
            if (done != null) {
                Action action = running.remove(done);
                deadlines.remove(done);
                if (action != null) { // null: it timed out and was cancelled already
                    finish(action, failure(action, done), outcome);
                    finished.add(action);
                }
            } else {
                finished.addAll(expire(running, deadlines, claims, outcome));
            }
            for (Action action : finished) {
                hostsOf(action).forEach(h -> perHost.merge(h, -1, Integer::sum));
                if (!outcome.get(action)) {
                    complete = false;
                    if (!pending.isEmpty()) {
                        abandon(pending, action + " failed");
                    }
                }
            }
        }
        return complete;
    }

    /**
     * Runs the action; if the transition ended without it meanwhile ({@link #detach}), tells its
     * outcome itself. Whichever of the two sets {@code claimed} first owns the outcome.
     */
    private Action runClaimed(Action action, AtomicBoolean claimed) throws Exception {
        try {
            run(action);
        } catch (Exception e) {
            if (claimed.compareAndSet(false, true)) {
                throw e;
            }
            endedDetached(action, e);
            return action;
        }
        if (!claimed.compareAndSet(false, true)) {
            endedDetached(action, null);
        }
        return action;
    }

    /** Leaves a running action inside a guest to finish on its own; false if it has just finished. */
    private static boolean detach(Action action, AtomicBoolean claimed) {
        return claimed.compareAndSet(false, true);
    }

    private void endedDetached(Action action, Exception failure) {
        if (!inGuest(action)) { // it timed out: counted then; what it did in the end is news
            events.entry(failure == null ? EventKind.ACTION_DONE : EventKind.ACTION_FAILED, action
                    + (failure == null ? ": done after its timeout" : ": ended after its timeout: " + reason(failure)))
                    .action(action).warn();
            return;
        }
        if (failure instanceof NotReadyException) {
            notDone(action, failure.getMessage());
        } else if (failure != null) {
            failed(action, reason(failure), failure instanceof AgentTimeoutException ? EventKind.ACTION_TIMED_OUT
                    : EventKind.ACTION_FAILED);
        }
        guests.changed();
    }

    /** Whether the action is carried out by an in-guest agent (a guest service's start or stop). */
    private boolean inGuest(Action action) {
        return action.resource().map(config.resources()::get).map(Resource::hasContainer).orElse(false);
    }

    private void abandon(List<Action> pending, String reason) {
        events.entry(EventKind.TRANSITION_ABANDONED, pending.size() + " action(s) not started, re-planning: " + reason)
                .info();
        progress.aborted(reason);
        pending.forEach(action -> progress.notStarted(action, Phase.ABORTED, reason));
        durable.actionsCompleted(pending.stream().map(Object::toString).toList(), false);
        pending.clear();
    }

    /** Why the action may not start yet although its predecessors are done, if it may not. */
    private Optional<String> waitsFor(Action action, List<Action> before, Map<Action, Boolean> outcome) {
        if (action instanceof Action.Fence fence) {
            return backoff.waitingUntil(fence.host(), clock.instant())
                    .map(t -> "fencing " + fence.host() + " failed; next attempt at " + t);
        }
        return before.stream().filter(b -> !outcome.get(b)).findFirst().map(b -> "waits for " + b);
    }

    /**
     * Why a migration may not start in this transition, if it may not: one of its hosts has as many migrations of
     * earlier transitions still running, given up on after their timeout, as {@code migration.limit.host} allows (the
     * plan counted only its own); it is planned again once they end.
     */
    private Optional<String> lateMigration(Action action, Set<Action> planned) {
        if (!(action instanceof Action.Migrate migrate) || migrationsPerHost <= 0) {
            return Optional.empty();
        }
        List<Action.Migrate> late = busy.values().stream().filter(a -> a instanceof Action.Migrate
                && !planned.contains(a)).map(Action.Migrate.class::cast).toList();
        return hostsOf(migrate).stream().filter(h -> late.stream().filter(m -> m.from().equals(h) || m.to().equals(h))
                .count() >= migrationsPerHost).findFirst().map(h -> "waits for the migrations of " + h
                + " still running after their timeout (migration.limit.host " + migrationsPerHost + ")");
    }

    /** Fencing is never held back; any other action waits while one of its hosts runs the most actions allowed. */
    private boolean admitted(Action action, Map<String, Integer> perHost) {
        return action instanceof Action.Fence
                || hostsOf(action).stream().allMatch(h -> perHost.getOrDefault(h, 0) < actionsPerHost);
    }

    private static List<String> hostsOf(Action action) {
        if (action instanceof Action.Fence) {
            return List.of();
        }
        return action instanceof Action.Migrate m ? List.of(m.from(), m.to()) : List.of(action.host());
    }

    /** @param failure why it failed, or {@code null} */
    private void finish(Action action, String failure, Map<Action, Boolean> outcome) {
        outcome.put(action, failure == null);
        durable.actionCompleted(action.toString(), failure == null);
        progress.done(action, failure == null, failure);
    }

    private List<Action> expire(Map<Future<Action>, Action> running, Map<Future<Action>, Long> deadlines,
                                Map<Future<Action>, AtomicBoolean> claims, Map<Action, Boolean> outcome) {
        long now = time.nanoTime();
        List<Action> expired = new ArrayList<>();
        for (Future<Action> future : List.copyOf(running.keySet())) {
            if (deadlines.get(future) <= now) {
                Action action = running.remove(future);
                deadlines.remove(future);
                claims.get(future).set(true); // its late end is told as such (endedDetached)
                future.cancel(true);
                String reason = "timed out after " + timeout(action).toMillis() + " ms";
                finish(action, reason, outcome);
                failed(action, reason, EventKind.ACTION_TIMED_OUT);
                expired.add(action);
            }
        }
        return expired;
    }

    /** Why the action failed, or {@code null} when it succeeded. */
    private String failure(Action action, Future<Action> done) throws InterruptedException {
        String reason;
        try {
            done.get();
            return null;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof NotReadyException) {
                notDone(action, cause.getMessage());
                return cause.getMessage();
            }
            reason = reason(cause);
            failed(action, reason, cause instanceof AgentTimeoutException ? EventKind.ACTION_TIMED_OUT
                    : EventKind.ACTION_FAILED);
            return reason;
        } catch (CancellationException e) {
            reason = "cancelled";
        }
        failed(action, reason, EventKind.ACTION_FAILED);
        return reason;
    }

    private static String reason(Throwable cause) {
        return cause instanceof DriverException || cause instanceof FenceException || cause instanceof AgentException
                ? cause.getMessage() : cause.toString();
    }

    /** Not done for now, and not counted against the resource: its VM's agent or the leadership is not there. */
    private void notDone(Action action, String reason) {
        events.entry(EventKind.ACTION_NOT_READY, action + " not done: " + reason).action(action).info();
    }

    /** A failure that counts against the resource: {@code kind} ACTION_FAILED or ACTION_TIMED_OUT. */
    private void failed(Action action, String reason, EventKind kind) {
        events.entry(kind, action + " failed: " + reason).action(action).error();
        action.resource().ifPresent(resource -> {
            String host = action instanceof Action.Start start ? start.host() : action.host();
            observer.cancelDeparture(resource, action.host());
            observer.actionFailed(resource, host, clock.instant());
            if (action instanceof Action.Stop && !inGuest(resource)) {
                stopFailed(resource, host);
            }
        });
    }

    /**
     * A stop of a VM failed (or timed out), so it may still run on the host: without a fence device, or with
     * {@code stop.failure = block}, it is blocked there; else the host must be fenced before it, or anything else of
     * the host, is recovered elsewhere (Pacemaker's on-fail=fence), unless Basket leaves the host or the resource alone
     * (maintenance, no driver): then only the failure counts and the stop is tried again when that ends.
     */
    private void stopFailed(String resource, String host) {
        if (fenceLevels.devices(host, registry.fenceDeviceOf(host)).isEmpty()) {
            block(resource, host, "no fence device can clear it");
        } else if (stopFailure == StopFailure.BLOCK) {
            block(resource, host, "stop.failure is block");
        } else {
            Optional<String> handsOff = handsOff(resource, host);
            if (handsOff.isPresent()) {
                events.entry(EventKind.RESOURCE_FAILED, "resource " + resource + ": its stop failed on " + host
                        + "; not fencing " + host + " for it: " + handsOff.get() + "; the stop is tried again after")
                        .resource(resource).host(host).warn();
            } else if (hosts.stopFailed(host, resource, clock.instant())) {
                durable.flag(Flag.fenceNeeded(host, resource), true);
                events.entry(EventKind.HOST_DEAD, "host " + host + " is unclean: the stop of " + resource + " failed "
                        + "there, so it may still run there; " + host + " will be fenced before " + resource
                        + " or anything else of it is recovered elsewhere (stop.failure is fence)")
                        .resource(resource).host(host).error();
            }
        }
    }

    /** Why Basket does not fence the host for the resource's failed stop, if it does not. */
    private Optional<String> handsOff(String resource, String host) {
        if (clusterMaintenance.getAsBoolean()) {
            return Optional.of("the cluster is in maintenance");
        }
        if (hosts.inMaintenance(host)) {
            return Optional.of("the host is in maintenance");
        }
        if (observer.inMaintenance(resource)) {
            return Optional.of("the resource is in maintenance");
        }
        if (registry.driverFor(host).isEmpty()) {
            return Optional.of("no driver serves the host");
        }
        return Optional.empty();
    }

    /** A stop failed and nothing may clear it: the resource is blocked there, as Pacemaker's is. */
    private void block(String resource, String host, String why) {
        observer.block(resource, host);
        durable.flag(Flag.blocked(resource, host), true);
        events.entry(EventKind.RESOURCE_FAILED, "resource " + resource + " blocked on " + host + ": its stop failed "
                + "and " + why + "; no action on it, nor a stop of what it needs, until the operator "
                + "makes sure it is stopped there and runs ha:cleanup " + resource).resource(resource).host(host).error();
    }

    private boolean inGuest(String resource) {
        Resource configured = config.resources().get(resource);
        return configured != null && configured.hasContainer();
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
        if (other != null && inGuest(other)) {
            throw new NotReadyException("waiting for '" + other + "', which its agent has not answered yet");
        }
        if (other != null) {
            throw new DriverException("waiting for '" + other + "', which timed out and is still running");
        }
        List<String> hosts = action instanceof Action.Migrate m ? List.of(m.from(), m.to())
                : action instanceof Action.Start ? List.of(action.host()) : List.of();
        hosts.forEach(h -> observer.pin(resource, h));
        if (action instanceof Action.Start) {
            observer.cancelDeparture(resource, action.host()); // started there again: no longer leaving it
        }
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
        long start = time.nanoTime();
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
                    Duration.ofNanos(time.nanoTime() - start), result, message));
        }
    }

    private void perform(Action action) throws Exception {
        requireLeadership(action);
        long started = time.nanoTime();
        Resource resource = action.resource().map(config.resources()::get).orElse(null);
        if (resource != null && resource.hasContainer()) {
            performInGuest(action, resource);
        } else if (action instanceof Action.Start start) {
            observer.mayRun(start.name(), start.host());
            registry.require(start.host()).start(start.host(), observer.domainOf(start.name()));
        } else if (action instanceof Action.Stop stop) {
            observer.expectDeparture(stop.name(), stop.host());
            registry.require(stop.host()).stop(stop.host(), observer.domainOf(stop.name()), timeout(stop).dividedBy(2));
            observer.stopped(stop.name(), stop.host());
        } else if (action instanceof Action.Migrate migrate) {
            migrate(migrate);
        } else if (action instanceof Action.Fence fence) {
            fence(fence.host());
        } else if (action instanceof Action.Monitor monitor) {
            registry.require(monitor.host()).monitor(monitor.host(), observer.domainOf(monitor.name()));
        }
        Duration took = Duration.ofNanos(time.nanoTime() - started);
        events.entry(EventKind.ACTION_DONE, action + ": done in " + took.toMillis() + " ms").action(action).took(took)
                .info();
    }

    /** Right before a hypervisor, fence or agent call: a manager that no longer leads its epoch does not act. */
    private void requireLeadership(Action action) throws NotReadyException {
        if (!leadership.stillLeads(epoch)) {
            throw new NotReadyException("this manager no longer leads epoch " + epoch + ": '" + action + "' is left to "
                    + "the leader");
        }
    }

    /** Starts or stops a guest service through the agent in its VM, waiting for it at most the action's timeout. */
    private void performInGuest(Action action, Resource service) throws AgentException, InterruptedException {
        if (action instanceof Action.Start) {
            guests.start(service.container(), service.name(), timeout(action));
        } else if (action instanceof Action.Stop stop) {
            observer.expectDeparture(stop.name(), stop.host());
            guests.stop(service.container(), service.name(), timeout(action));
            observer.stopped(stop.name(), stop.host());
        } else {
            throw new AgentException(action + ": a guest service moves only with its VM");
        }
    }

    /** The action's timeout: its resource's own, or the manager's. */
    private Duration timeout(Action action) {
        Operations own = action.resource().map(config.resources()::get).map(Resource::operations)
                .orElse(Operations.DEFAULTS);
        return timeouts.of(action, own);
    }

    private void migrate(Action.Migrate migrate) throws DriverException {
        HypervisorDriver driver = registry.require(migrate.from());
        LiveMigration migration = driver.capability(LiveMigration.class).orElseThrow(
                () -> new DriverException("the driver of host " + migrate.from() + " cannot live-migrate"));
        observer.expectDeparture(migrate.name(), migrate.from());
        observer.mayRun(migrate.name(), migrate.to());
        migration.migrate(observer.domainOf(migrate.name()), migrate.from(), migrate.to(),
                MigrationOptions.DEFAULT.withProgress(line -> progress.detail(migrate, line)));
    }

    /** Whether no action thread runs, not even one that timed out. */
    boolean isIdle() {
        return busy.isEmpty();
    }

    /** Fences a host through its levels, then its driver; also the operator's {@code ha:fence}. */
    void fence(String host) throws FenceException {
        String level;
        try {
            level = fenceLevels.fence(host, registry.fenceDeviceOf(host));
        } catch (FenceException e) {
            Instant now = clock.instant();
            durable.fence(new FenceRecord(host, "every level", Outcome.FAILED, now, e.getMessage()));
            int attempts = backoff.failed(host, now);
            String next = backoff.waitingUntil(host, now).map(t -> "; next attempt in "
                    + Duration.between(now, t).toSeconds() + " s").orElse("");
            hosts.explain(host, "fencing failed " + attempts + " time(s)" + next
                    + "; its resources stay down until it is fenced or confirmed off (ha:fence-confirm)");
            events.entry(EventKind.FENCE_FAILED, "ALERT: host " + host + ": every fencing level failed (attempt "
                    + attempts + ")" + next
                    + "; its resources are not recovered until it is fenced or an operator confirms it off").host(host)
                    .error();
            throw e;
        }
        backoff.reset(host);
        durable.fence(new FenceRecord(host, level, Outcome.SUCCEEDED, clock.instant(), ""));
        hosts.fenced(host, level);
        observer.fenced(host);
        events.entry(EventKind.HOST_FENCED, "host " + host + " fenced by " + level).host(host).warn();
    }
}

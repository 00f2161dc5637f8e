package org.basket.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import org.basket.api.cluster.EventKind;
import org.basket.api.driver.ChangeEvents;
import org.basket.api.driver.DomainInfo;
import org.basket.api.driver.DomainState;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.HostInfo;
import org.basket.api.driver.HypervisorDriver;
import org.basket.api.model.Capacity;
import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.basket.api.model.Host;
import org.basket.api.model.HostCondition;
import org.basket.api.model.HostState;
import org.basket.api.model.HostStatus;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceStatus;
import org.basket.api.monitor.CheckResult;
import org.basket.api.monitor.ServiceDefinition;
import org.basket.api.monitor.ServiceHealth;
import org.basket.core.driver.DriverRegistry;
import org.basket.core.journal.Flag;

/**
 * Asks the hosts' drivers what runs there and builds the observed state. What a host out of
 * contact ran is remembered until the host is fenced; a resource that vanished from a host Basket
 * did not act on counts as a failure there. A host whose driver reports changes ({@link ChangeEvents})
 * is asked within a turn only when there is news about it (an event, an action of Basket's, no contact) and, to
 * reconcile, once per reconcile interval, at a moment of its own within it, outside the turn ({@link ReconcilePolls});
 * any other host at every turn.
 */
final class Observer {
    private final DriverRegistry registry;
    private final GuestGateway guests;
    private final HostTracker hosts;
    private final EventLog events;
    /** Domains that may be active, per host: as last seen, plus what Basket started or moved there since. */
    private final Map<String, Set<String>> lastSeen = new ConcurrentHashMap<>();
    private final Map<String, Capacity> capacities = new ConcurrentHashMap<>();
    /** What each host's driver last reported of it besides its capacity. */
    private final Map<String, List<HostCondition>> conditions = new ConcurrentHashMap<>();
    /** Resources no longer configured, by domain, until seen stopped everywhere. */
    private final Map<String, String> retired = new HashMap<>();
    private final Map<String, Map<String, Integer>> failCounts = new ConcurrentHashMap<>();
    /** When each resource last failed on each host, for failure timeouts. */
    private final Map<String, Map<String, Instant>> lastFailures = new ConcurrentHashMap<>();
    /** Where each resource failed and may still run, until it runs again or a stop there succeeds. */
    private final Map<String, String> failedOn = new ConcurrentHashMap<>();
    /** Resources blocked where their stop failed and no fence can clear it, until ha:cleanup. */
    private final Map<String, String> blockedOn = new ConcurrentHashMap<>();
    /** (resource, host) pairs that Basket itself is stopping or migrating away. */
    private final Set<List<String>> departures = ConcurrentHashMap.newKeySet();
    private volatile Map<String, String> domainToResource = Map.of();
    private volatile Map<String, String> resourceToDomain = Map.of();
    /** Hosts with news since their last poll: asked at the next turn even when their driver reports changes. */
    private final Set<String> news = ConcurrentHashMap.newKeySet();
    /** When each host reporting changes is next asked anyway, to reconcile. */
    private final Map<String, Instant> reconcileAt = new ConcurrentHashMap<>();
    private volatile Duration reconcileInterval = Duration.ofSeconds(60);
    private volatile java.util.function.Predicate<String> reconciledElsewhere = host -> false;
    private volatile java.util.function.LongSupplier newsMark = () -> 0;
    /** By host, the news mark when its latest successful poll began: what it reported is in the observation. */
    private final Map<String, Long> observedUpTo = new ConcurrentHashMap<>();
    private final Set<String> inMaintenance = ConcurrentHashMap.newKeySet();
    /** (resource, host) pairs a start or migration is running for: possibly active there, whatever a poll says. */
    private final Set<List<String>> pinned = ConcurrentHashMap.newKeySet();
    private ClusterState previous = ClusterState.EMPTY;
    private volatile Durable durable;
    private volatile ExecutorService pollers;
    private volatile Duration pollTimeout = Duration.ofSeconds(5);
    private final EngineTime time;
    private final ReconcilePolls reconciles;
    private volatile int reconcileLimit = 1;
    private final Queue<ReconcilePolls.Answer> failedReconciles = new ConcurrentLinkedQueue<>();
    private volatile BiConsumer<String, String> reconcileNews = (reason, host) -> { };
    private final AtomicLong stamps = new AtomicLong();
    /** By host, the stamp of the latest news about it or poll of it within a turn: older reconcile answers are stale. */
    private final Map<String, Long> touched = new ConcurrentHashMap<>();
    /** Counts the changes of what the observed state is built from (see {@link #changes}). */
    private final AtomicLong changes = new AtomicLong();

    /** How a host is asked this turn. */
    enum Poll { NOT_DUE, IN_TURN, RECONCILE }

    Observer(DriverRegistry registry, HostTracker hosts, GuestGateway guests, EventLog events, EngineTime time) {
        this.time = time;
        this.registry = registry;
        this.guests = guests;
        this.hosts = hosts;
        this.events = events;
        this.durable = Durable.none(events);
        this.reconciles = new ReconcilePolls(time, stamps::get, this::reconcilePoll, this::answered);
    }

    /** Reconcile polls begun and not yet answered. */
    int reconcilesInFlight() {
        return reconciles.inFlight();
    }

    /** At most this many reconcile polls in flight outside the turn. */
    void reconcileInFlight(int limit) {
        reconcileLimit = limit;
        reconciles.runOn(pollers, limit);
    }

    /** Where a reconcile answer that differs from what is believed, or failed, is told as news about its host. */
    void reportNewsTo(BiConsumer<String, String> reasonAndHost) {
        reconcileNews = reasonAndHost;
    }

    /**
     * A number that grows with every change of what the observed state is built from, except the driver answers a turn
     * takes in: Basket's own actions, failures, flags, fencing, and a poll within the turn that found something new.
     */
    long changes() {
        return changes.get();
    }

    /** Polls hosts in parallel on {@code pool}, each answer awaited at most {@code timeout}. */
    void pollWith(ExecutorService pool, Duration timeout) {
        pollers = pool;
        reconciles.runOn(pool, reconcileLimit);
        pollTimeout = timeout;
    }

    /** Asked at a host's reconcile time: whether another manager reconciles it instead (SharedReconcile). */
    void reconcileElsewhere(java.util.function.Predicate<String> test) {
        reconciledElsewhere = test;
    }

    /** How often a host whose driver reports changes is asked anyway; 0: at every turn, like any other host. */
    void reconcileEvery(Duration interval) {
        reconcileInterval = interval;
    }

    /** Where a poll reads the sequence of the news it will see ({@link PlanNews#mark}). */
    void markNewsWith(java.util.function.LongSupplier mark) {
        newsMark = mark;
    }

    /** By host, the news mark when its latest successful poll began. */
    Map<String, Long> observedUpTo() {
        return observedUpTo;
    }

    /** News about the host (a driver event): it is asked what it runs at the next turn. */
    void heard(String host) {
        news.add(host);
        touch(host);
    }

    private void touch(String host) {
        touched.put(host, stamps.incrementAndGet());
    }

    private void touchAndChange(String host) {
        news.add(host);
        touch(host);
        changes.incrementAndGet();
    }

    /** Runs the driver calls in parallel on the poll threads; returns once all ended (each bounded by its driver). */
    void runAll(List<Runnable> calls) {
        ExecutorService pool = pollers;
        if (pool == null || calls.size() < 2) {
            calls.forEach(Runnable::run);
            return;
        }
        List<Future<?>> running = calls.stream().<Future<?>>map(pool::submit).toList();
        try {
            for (Future<?> call : running) {
                time.get(call, time.nanoTime() + Duration.ofDays(1).toNanos());
            }
        } catch (InterruptedException e) {
            running.forEach(call -> call.cancel(true));
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("a driver call failed unexpectedly", e);
        }
    }

    /** Writes failures through to the journal, starting from the fail counts and retired resources it kept. */
    void useJournal(Durable journal) {
        changes.incrementAndGet();
        durable = journal;
        failCounts.clear();
        lastFailures.clear();
        retired.clear();
        journal.failCounts().forEach((resource, counts) -> failCounts.put(resource, new TreeMap<>(counts)));
        retired.putAll(journal.retired());
        journal.lastFailures().forEach((resource, times) -> lastFailures.put(resource, new TreeMap<>(times)));
    }

    /**
     * Basket is about to start or move the resource onto the host: from now on it may run there,
     * whatever the action's outcome, until the host answers or is fenced.
     */
    void mayRun(String resource, String host) {
        touchAndChange(host);
        lastSeen.computeIfAbsent(host, h -> ConcurrentHashMap.newKeySet()).add(domainOf(resource));
    }

    /** While a start or migration runs, its resource counts as active on the host, even if it timed out. */
    void pin(String resource, String host) {
        touchAndChange(host);
        pinned.add(List.of(resource, host));
    }

    void unpin(String resource, String host) {
        touchAndChange(host);
        pinned.remove(List.of(resource, host));
    }

    void expectDeparture(String resource, String host) {
        touchAndChange(host);
        departures.add(List.of(resource, host));
    }

    void cancelDeparture(String resource, String host) {
        changes.incrementAndGet();
        departures.remove(List.of(resource, host));
    }

    /** A stop of the resource on the host succeeded: where it failed, it no longer may run. */
    void stopped(String resource, String host) {
        failedOn.remove(resource, host);
    }

    /** An action on the resource failed on the host: it counts like a failure of the resource. */
    void actionFailed(String resource, String host, Instant time) {
        changes.incrementAndGet();
        failCounts.computeIfAbsent(resource, r -> new TreeMap<>()).merge(host, 1, Integer::sum);
        durable.failure(resource, host, time);
        lastFailures.computeIfAbsent(resource, r -> new TreeMap<>()).put(host, time);
    }

    /**
     * The resource's own monitor failed on the host: a failure there. When it found the resource
     * stopped, the resource no longer counts as running there.
     */
    void monitorFailed(String resource, String host, boolean stopped, Instant time) {
        touchAndChange(host);
        actionFailed(resource, host, time);
        if (stopped) {
            lastSeen.computeIfPresent(host, (h, domains) -> {
                domains.remove(domainOf(resource));
                return domains;
            });
            failedOn.put(resource, host);
            departures.add(List.of(resource, host)); // counted here, not again when the poll sees it gone
        }
    }

    void clearFailures(String resource) {
        changes.incrementAndGet();
        failCounts.remove(resource);
        failedOn.remove(resource);
        lastFailures.remove(resource);
        durable.clearFailures(resource);
    }

    /** The resource's stop failed on the host and no fence can clear it: nothing is done with it until cleaned up. */
    void block(String resource, String host) {
        if (!host.equals(blockedOn.put(resource, host))) {
            changes.incrementAndGet();
        }
    }

    void unblock(String resource) {
        if (blockedOn.remove(resource) != null) {
            changes.incrementAndGet();
        }
    }

    /** Where the resource is blocked, or empty. */
    String blockedOn(String resource) {
        return blockedOn.getOrDefault(resource, "");
    }

    boolean inMaintenance(String resource) {
        return inMaintenance.contains(resource);
    }

    void setMaintenance(String resource, boolean on) {
        if (on ? inMaintenance.add(resource) : inMaintenance.remove(resource)) {
            changes.incrementAndGet();
        }
    }

    /**
     * Whether a driver's report matches what Basket believes or is doing; anything else (a crash, a
     * VM stopping or appearing by itself) makes the plan in flight out of date.
     */
    boolean isExpected(String host, String domain, DomainState state) {
        String resource = domainToResource.get(domain);
        if (resource == null) {
            return true;
        }
        boolean believedThere = lastSeen.getOrDefault(host, Set.of()).contains(domain)
                || pinned.contains(List.of(resource, host));
        if (state == DomainState.CRASHED) {
            return false;
        }
        return state.isActive() ? believedThere : !believedThere || departures.contains(List.of(resource, host));
    }

    /** The resource a hypervisor domain is, or "" for a domain Basket does not manage. */
    String resourceOf(String domain) {
        return domainToResource.getOrDefault(domain, "");
    }

    /**
     * The host is off: what ran there is gone, a resource blocked there is no longer blocked, and the stops that failed
     * there no longer call for its fence.
     */
    void fenced(String host) {
        touchAndChange(host);
        lastSeen.remove(host);
        for (Map.Entry<String, String> blocked : blockedOn.entrySet()) {
            if (blocked.getValue().equals(host) && blockedOn.remove(blocked.getKey(), host)) {
                durable.flag(Flag.blocked(blocked.getKey(), host), false);
            }
        }
        for (Flag flag : durable.flags()) {
            if (flag.kind() == Flag.Kind.FENCE_NEEDED && flag.name().equals(host)) {
                durable.flag(flag, false);
            }
        }
    }

    ClusterState observe(ClusterConfig config, Instant now) throws InterruptedException {
        return observe(config, Map.of(), now);
    }

    /** Polls the hosts due and asks the agents of running VMs about their services. */
    ClusterState observe(ClusterConfig config, Map<String, ServiceDefinition> services, Instant now)
            throws InterruptedException {
        poll(config, now);
        return state(config, services, now);
    }

    /** Takes in the reconcile answers, polls the hosts due within this turn and starts the reconcile polls due. */
    void poll(ClusterConfig config, Instant now) throws InterruptedException {
        events.enterCountsDue(); // the count of a repeated warning is told even when nothing else happens
        takeFailedReconciles(now);
        List<Host> inTurn = new ArrayList<>();
        for (Host host : config.hosts().values()) {
            if (!registry.isManaged(host)) {
                continue;
            }
            switch (due(host, now)) {
                case IN_TURN -> inTurn.add(host);
                case RECONCILE -> reconcile(host, now);
                default -> { }
            }
        }
        pollAll(inTurn, now);
    }

    /** The observed state from what the polls found, the agents' reports, Basket's own actions and failures. */
    ClusterState state(ClusterConfig config, Map<String, ServiceDefinition> services, Instant now) {
        guests.configure(config, services);
        updateDomainMap(config);
        Map<String, Set<String>> activeOn = new TreeMap<>();
        List<HostStatus> hostStatuses = new ArrayList<>();
        for (Host host : config.hosts().values()) {
            boolean managed = registry.isManaged(host);
            HostState state = hosts.state(host.name(), managed, now);
            if (state == HostState.OFFLINE) {
                lastSeen.remove(host.name());
            }
            for (String domain : lastSeen.getOrDefault(host.name(), Set.of())) {
                String resource = domainToResource.get(domain);
                if (resource != null) {
                    activeOn.computeIfAbsent(resource, r -> new TreeSet<>()).add(host.name());
                }
            }
            String reason = state == HostState.UNMANAGED ? "driver '" + host.driver() + "' not available"
                    : state.isActionable() ? "" : hosts.reason(host.name());
            hostStatuses.add(new HostStatus(host.name(), state, capacities.getOrDefault(host.name(), Capacity.NONE),
                    reason, hosts.probed(host.name()), conditions.getOrDefault(host.name(), List.of())));
        }
        conditions.keySet().retainAll(config.hosts().keySet());
        for (List<String> pin : pinned) {
            if (config.hosts().containsKey(pin.get(1))) {
                activeOn.computeIfAbsent(pin.get(0), r -> new TreeSet<>()).add(pin.get(1));
            }
        }
        Set<String> inContact = new java.util.HashSet<>();
        hostStatuses.stream().filter(h -> h.state().isActionable()).forEach(h -> inContact.add(h.name()));
        observeServices(config, activeOn);
        List<ResourceStatus> resources = new ArrayList<>();
        for (String resource : allResources(config)) {
            Set<String> active = activeOn.getOrDefault(resource, Set.of());
            Resource configured = config.resources().get(resource);
            Set<String> containerHosts = configured != null && configured.hasContainer()
                    ? activeOn.getOrDefault(configured.container(), Set.of()) : null;
            detectFailures(resource, active, containerHosts, inContact, now);
            if (!active.isEmpty()) {
                failedOn.remove(resource);
            }
            resources.add(new ResourceStatus(resource, List.copyOf(active), failedOn.get(resource),
                    failCounts.getOrDefault(resource, Map.of()), inMaintenance.contains(resource),
                    lastFailures.getOrDefault(resource, Map.of()), blockedOn.get(resource)));
        }
        // a departure from where it is not active was taken above or is stale (the stop of a failed resource there):
        // kept, it would hide a later failure there
        departures.removeIf(d -> !activeOn.getOrDefault(d.get(0), Set.of()).contains(d.get(1)));
        if (config.hosts().keySet().stream().allMatch(hosts::probed)) {
            retireStopped(activeOn);
        }
        previous = ClusterState.of(hostStatuses, resources);
        return previous;
    }

    @Override
    public String toString() {
        return "Observer[lastSeen=" + lastSeen + ", pinned=" + pinned + ", departures=" + departures + "]";
    }

    /** The hypervisor's name for a resource, also for one no longer configured. */
    String domainOf(String resource) {
        return resourceToDomain.getOrDefault(resource, resource);
    }

    /**
     * How to ask the host this turn: within it always, unless its driver reports changes; then within it with news
     * about it, while it is out of contact or not yet probed, and outside it at its reconcile times: one interval
     * apart, at its own phase within the interval ({@link #reconcilePhase}) from the turn after it was first probed, so
     * that the hosts' reconciles stay spread out, also after a long turn (the first poll of thousands of hosts).
     */
    private Poll due(Host host, Instant now) {
        Duration interval = reconcileInterval;
        Optional<HypervisorDriver> driver = registry.driverFor(host.name());
        if (interval.isZero() || interval.isNegative() || driver.isEmpty()
                || driver.get().capability(ChangeEvents.class).isEmpty()) {
            return Poll.IN_TURN;
        }
        String name = host.name();
        boolean heard = news.remove(name);
        if (!hosts.probed(name) || !hosts.accountedFor(name)) {
            return Poll.IN_TURN;
        }
        Instant at = reconcileAt.computeIfAbsent(name, h -> now.plus(reconcilePhase(h, interval)));
        if (now.isBefore(at)) {
            return heard ? Poll.IN_TURN : Poll.NOT_DUE;
        }
        if (heard) {
            nextReconcile(name, now);
            return Poll.IN_TURN;
        }
        if (reconciledElsewhere.test(name)) { // a follower reconciles it (SharedReconcile)
            nextReconcile(name, now);
            return Poll.NOT_DUE;
        }
        return Poll.RECONCILE;
    }

    /** The host's next reconcile time: a late turn keeps the host's phase. */
    private void nextReconcile(String host, Instant now) {
        Duration interval = reconcileInterval;
        reconcileAt.computeIfPresent(host, (h, at) -> now.isBefore(at) || interval.isZero() ? at
                : at.plus(interval.multipliedBy(Duration.between(at, now).toMillis() / interval.toMillis() + 1)));
    }

    /** Has the host's reconcile poll run outside the turn, as soon as fewer than the limit run. */
    private void reconcile(Host host, Instant now) {
        reconciles.request(host.name());
        nextReconcile(host.name(), now);
    }

    private ReconcilePolls.Answer reconcilePoll(String host, long stamp) {
        Optional<HypervisorDriver> driver = registry.driverFor(host);
        if (driver.isEmpty()) {
            return ReconcilePolls.Answer.failed(host, stamp, registry.attachError(host).orElse("not attached"));
        }
        try {
            HostInfo info = driver.get().host(host);
            Set<String> active = new java.util.HashSet<>();
            driver.get().domains(host).stream().filter(d -> d.state().isActive()).forEach(d -> active.add(d.name()));
            return new ReconcilePolls.Answer(host, stamp, active, info.capacity(), info.conditions(), null);
        } catch (DriverException | RuntimeException e) {
            return ReconcilePolls.Answer.failed(host, stamp, String.valueOf(e.getMessage()));
        }
    }

    /**
     * A reconcile answer, on its poll thread: only news about its host when it differs from what is believed or
     * failed, and nothing when news about the host came after the poll began (a later event or poll is newer).
     */
    private void answered(ReconcilePolls.Answer answer) {
        String host = answer.host();
        if (stale(answer)) {
            return;
        }
        if (answer.failure() != null) {
            failedReconciles.add(answer);
            reconcileNews.accept("the reconcile poll of host " + host + " failed: " + answer.failure(), host);
        } else if (!answer.active().equals(lastSeen.getOrDefault(host, Set.of()))
                || !answer.capacity().equals(capacities.get(host))
                || !answer.conditions().equals(conditions.getOrDefault(host, List.of()))) {
            heard(host);
            reconcileNews.accept("the reconcile poll of host " + host + " found a change", host);
        }
    }

    private boolean stale(ReconcilePolls.Answer answer) {
        return touched.getOrDefault(answer.host(), 0L) > answer.stamp();
    }

    /** A reconcile poll that failed or did not answer in time makes its host suspect, as a poll within a turn does. */
    private void takeFailedReconciles(Instant now) {
        failedReconciles.addAll(reconciles.overdue(pollTimeout));
        for (ReconcilePolls.Answer failed = failedReconciles.poll(); failed != null; failed = failedReconciles.poll()) {
            if (!stale(failed) && hosts.lost(failed.host(), failed.failure(), now)) {
                events.entry(EventKind.HOST_SUSPECT, "host " + failed.host() + " is suspect: " + failed.failure())
                        .host(failed.host()).warn();
            }
        }
    }

    /** When within each reconcile interval the host is asked: the same for a host's name, spread over the interval. */
    static Duration reconcilePhase(String host, Duration interval) {
        return Duration.ofMillis(Math.floorMod(host.hashCode() * 0x9E3779B1, 1000) * interval.toMillis() / 1000);
    }

    private void pollAll(List<Host> managed, Instant now) throws InterruptedException {
        ExecutorService pool = pollers;
        if (pool == null) { // even one host is asked on the pool, within the poll timeout: a hung call never holds the loop
            managed.forEach(host -> touch(host.name()));
            managed.forEach(host -> poll(host, now));
            return;
        }
        Map<Host, Future<?>> answers = new java.util.LinkedHashMap<>();
        Map<Host, Long> begun = new ConcurrentHashMap<>();
        managed.forEach(host -> touch(host.name()));
        managed.forEach(host -> answers.put(host, pool.submit(() -> {
            begun.put(host, time.nanoTime());
            poll(host, now);
        })));
        for (Map.Entry<Host, Future<?>> answer : answers.entrySet()) {
            try {
                awaitPoll(answer.getValue(), () -> begun.get(answer.getKey()));
            } catch (TimeoutException e) {
                answer.getValue().cancel(true);
                String host = answer.getKey().name();
                if (hosts.lost(host, "no answer within " + pollTimeout.toMillis() + " ms", now)) {
                    events.entry(EventKind.HOST_SUSPECT, "host " + host + " is suspect: no answer within "
                            + pollTimeout.toMillis() + " ms").host(host).warn();
                }
            } catch (ExecutionException e) {
                events.entry(EventKind.HOST_SUSPECT, "polling host " + answer.getKey().name() + " failed: " + e.getCause())
                        .host(answer.getKey().name()).error();
            }
        }
    }

    /**
     * Waits for one poll until the poll timeout after it began: a poll still queued behind others (thousands of hosts,
     * a few poll threads) has not begun to use its time.
     */
    private void awaitPoll(Future<?> poll, java.util.function.Supplier<Long> begun)
            throws InterruptedException, ExecutionException, TimeoutException {
        while (true) {
            Long start = begun.get();
            long deadline = (start == null ? time.nanoTime() : start) + pollTimeout.toNanos();
            try {
                time.get(poll, deadline);
                return;
            } catch (TimeoutException e) {
                if (start != null) {
                    throw e;
                }
            }
        }
    }

    private void poll(Host host, Instant now) {
        Optional<HypervisorDriver> driver = registry.driverFor(host.name());
        if (driver.isEmpty()) {
            hosts.lost(host.name(), registry.attachError(host.name()).orElse("not attached"), now);
            return;
        }
        long mark = newsMark.getAsLong();
        try {
            HostInfo info = driver.get().host(host.name());
            List<DomainInfo> domains = driver.get().domains(host.name());
            Set<String> active = ConcurrentHashMap.newKeySet();
            domains.stream().filter(d -> d.state().isActive()).forEach(d -> active.add(d.name()));
            if (!active.equals(lastSeen.put(host.name(), active))
                    | !info.capacity().equals(capacities.put(host.name(), info.capacity()))
                    | reportConditions(host.name(), info.conditions())) {
                changes.incrementAndGet();
            }
            hosts.contact(host.name(), now);
            observedUpTo.put(host.name(), mark);
        } catch (DriverException | RuntimeException e) {
            if (hosts.lost(host.name(), e.getMessage(), now)) {
                events.entry(EventKind.HOST_SUSPECT, "host " + host.name() + " is suspect: " + e.getMessage())
                        .host(host.name()).warn();
            }
        }
    }

    /** Tells each condition of the host that began (a warning) or ended since its last answer; whether any did. */
    private boolean reportConditions(String host, List<HostCondition> now) {
        List<HostCondition> before = conditions.put(host, now);
        before = before == null ? List.of() : before;
        boolean changed = !before.equals(now);
        for (HostCondition condition : now) {
            if (!before.contains(condition)) {
                events.entry(EventKind.HOST_CONDITION, "host " + host + ": " + condition).host(host).warn();
            }
        }
        for (HostCondition condition : before) {
            if (!now.contains(condition)) {
                events.entry(EventKind.HOST_CONDITION, "host " + host + ": no longer " + condition).host(host).info();
            }
        }
        return changed;
    }

    /**
     * Counts a failure for each host the resource left without Basket acting, while the host answers.
     * A guest service that left with its VM ({@code containerHosts}: where its VM runs now) did not fail.
     */
    private void detectFailures(String resource, Set<String> active, Set<String> containerHosts,
                                Set<String> inContact, Instant now) {
        List<String> before = previous.resource(resource).activeOn();
        List<String> arrived = active.stream().filter(h -> !before.contains(h)).sorted().toList();
        for (String host : before) {
            boolean departed = !active.contains(host) && departures.remove(List.of(resource, host));
            boolean hostInContact = inContact.contains(host);
            boolean leftWithItsVm = containerHosts != null && !containerHosts.contains(host);
            if (!active.contains(host) && !departed && hostInContact && !leftWithItsVm && !arrived.isEmpty()) {
                events.entry(EventKind.RESOURCE_MOVED, resource + " moved from " + host + " to "
                        + String.join(", ", arrived) + " without Basket: followed").resource(resource).host(host).info();
            } else if (!active.contains(host) && !departed && hostInContact && !leftWithItsVm) {
                int count = failCounts.computeIfAbsent(resource, r -> new TreeMap<>()).merge(host, 1, Integer::sum);
                durable.failure(resource, host, now);
                lastFailures.computeIfAbsent(resource, r -> new TreeMap<>()).put(host, now);
                failedOn.put(resource, host);
                events.entry(EventKind.RESOURCE_FAILED, resource + " failed on " + host + " (failure " + count + ")")
                        .resource(resource).host(host).warn();
            }
        }
    }

    /**
     * A guest service is active where its VM runs when the VM's agent reports it running; while the
     * agent is silent, or cannot tell (no result yet, UNKNOWN), it is taken to be where it was, as far
     * as its VM still runs there.
     */
    private void observeServices(ClusterConfig config, Map<String, Set<String>> activeOn) {
        Map<String, List<Resource>> byVm = new TreeMap<>();
        config.resources().values().stream().filter(Resource::hasContainer)
                .forEach(r -> byVm.computeIfAbsent(r.container(), vm -> new ArrayList<>()).add(r));
        byVm.forEach((vm, members) -> {
            Set<String> vmHosts = activeOn.getOrDefault(vm, Set.of());
            if (vmHosts.isEmpty()) {
                return;
            }
            Optional<Map<String, CheckResult>> report = guests.report(vm);
            for (Resource service : members) {
                Set<String> where = new TreeSet<>(vmHosts);
                CheckResult result = report.map(r -> r.get(service.name())).orElse(null);
                if (result != null && result.health() != ServiceHealth.UNKNOWN) {
                    boolean running = result.health() == ServiceHealth.OK || result.health() == ServiceHealth.WARNING;
                    if (!running) {
                        where.clear();
                    }
                } else {
                    where.retainAll(previous.resource(service.name()).activeOn());
                }
                if (!where.isEmpty()) {
                    activeOn.put(service.name(), where);
                }
            }
        });
    }

    /** Forgets the retired resources seen stopped everywhere; called once every host has answered or was fenced. */
    private void retireStopped(Map<String, Set<String>> activeOn) {
        for (Map.Entry<String, String> entry : List.copyOf(retired.entrySet())) {
            if (!activeOn.containsKey(entry.getValue())) {
                retired.remove(entry.getKey());
                durable.forgetRetired(entry.getKey());
            }
        }
    }

    private Set<String> allResources(ClusterConfig config) {
        Set<String> all = new TreeSet<>(config.resources().keySet());
        all.addAll(retired.values());
        return all;
    }

    private void updateDomainMap(ClusterConfig config) {
        Map<String, String> map = new HashMap<>();
        config.resources().values().stream().filter(r -> !r.hasContainer()).forEach(r -> map.put(r.domain(), r.name()));
        for (Map.Entry<String, String> old : domainToResource.entrySet()) {
            if (!map.containsKey(old.getKey()) && !config.resources().containsKey(old.getValue())
                    && !retired.containsKey(old.getKey())) {
                retired.put(old.getKey(), old.getValue());
                durable.retire(old.getKey(), old.getValue());
            }
        }
        for (String domain : List.copyOf(retired.keySet())) {
            if (map.containsKey(domain)) {
                retired.remove(domain);
                durable.forgetRetired(domain);
            }
        }
        map.putAll(retired);
        Map<String, String> reverse = new HashMap<>();
        map.forEach((domain, resource) -> reverse.putIfAbsent(resource, domain));
        domainToResource = map;
        resourceToDomain = reverse;
    }
}

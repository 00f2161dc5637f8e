package org.basket.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.ClusterEventListener;
import org.basket.api.cluster.ClusterService;
import org.basket.api.cluster.ClusterSnapshot;
import org.basket.api.cluster.ConfigProblem;
import org.basket.api.coordination.Coordination;
import org.basket.api.coordination.ObservationShare;
import org.basket.api.coordination.SharedState;
import org.basket.api.cluster.EventKind;
import org.basket.api.cluster.Explanation;
import org.basket.api.cluster.History;
import org.basket.api.cluster.Impact;
import org.basket.api.cluster.Progress;
import org.basket.api.cluster.ProvisioningException;
import org.basket.api.cluster.SimulationEvent;
import org.basket.api.cluster.SimulationResult;
import org.basket.api.cluster.Tolerance;
import org.basket.api.cluster.VmProvisioning;
import org.basket.api.cluster.VmRequest;
import org.basket.api.driver.DomainState;
import org.basket.api.fence.FenceDeviceFactory;
import org.basket.api.fence.FenceException;
import org.basket.api.driver.DriverListener;
import org.basket.api.driver.HypervisorDriverFactory;
import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.basket.api.monitor.GuestAgents;
import org.basket.api.model.HostState;
import org.basket.api.model.HostStatus;
import org.basket.api.plan.Action;
import org.basket.api.plan.Transition;
import org.basket.api.config.ConfigException;
import org.basket.core.config.ConfigFolder;
import org.basket.core.config.ConfigStore;
import org.basket.core.config.CoordinationMode;
import org.basket.core.config.ManagerConfig;
import org.basket.core.config.SchedulerSettings;
import org.basket.core.config.SilenceSettings;
import org.basket.core.config.StopFailure;
import org.basket.api.config.StrictConfig;
import org.basket.core.driver.DriverRegistry;
import org.basket.core.journal.Flag;
import org.basket.core.journal.Journal;
import org.basket.core.provision.Provisioner;
import org.basket.scheduler.Plan;
import org.basket.scheduler.PlanInput;
import org.basket.scheduler.Scheduler;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster manager: one control loop that observes every host, asks the scheduler for a plan and
 * executes it, woken by driver events, configuration changes, operator requests and a timer.
 */
@Component(service = {ClusterService.class, VmProvisioning.class}, immediate = true,
        configurationPid = "org.basket.manager")
@Designate(ocd = ManagerConfig.class)
public final class ClusterManager implements ClusterService, VmProvisioning {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterManager.class);

    private final EngineTime time;
    private final Clock clock;
    private final EventLog events;
    private final ConfigStore store = new ConfigStore();
    private final DriverRegistry registry;
    private final HostTracker hosts;
    private final Observer observer;
    private final GuestGateway guests;
    private final ServiceEscalation escalation;
    private final AgentSilenceWatch silentAgents;
    private final FenceLevels fenceLevels = new FenceLevels();
    private final FenceBackoff backoff = new FenceBackoff(Duration.ofSeconds(2), Duration.ofMinutes(1));
    private final FenceWait fenceWait;
    private final EventDelivery delivery;
    private final ManagerStanding managers;
    /** The reconcile polls of the hosts shared out among several managers on ZooKeeper. */
    private final SharedReconcile sharing;
    /** Event sequence numbers each run of the manager reserves: a restart continues after them. */
    static final int EVENT_IDS_PER_RUN = 1_000_000_000;
    /** Why the plan being executed is out of date, or null. */
    private final PlanNews news = new PlanNews();
    /** Whether a turn plans or, nothing having changed, skips building the state and planning. */
    private final QuietTurns quiet = new QuietTurns();
    /** The actions of the transition the last turn executed; whether the turn before executed the same. */
    private List<Action> lastActions = List.of();
    private boolean repeated;
    /**
     * The pause before a turn after two turns that executed the same transition, so that the loop never spins (an
     * action inside a guest that is not ready yet ends at once, and its end wakes the loop): hosts whose driver
     * reports changes are not polled every turn, so a turn may take no time at all.
     */
    private static final Duration REPEAT_PAUSE = Duration.ofMillis(20);
    private final Scheduler scheduler = new Scheduler();
    private final EngineTime.Signal wake;
    private ConfigFolder folder;
    /** ha:vm-create and ha:vm-delete, once there is an etc/ folder to write resources to. */
    private volatile Provisioner provisioner;
    /** How the journal is opened; tests inject faults here. */
    Durable.Opener journalOpener = Journal::openOrMoveAside;

    private volatile ManagerConfig config;
    /** Why the manager's last settings file was refused, while it is. */
    private volatile Optional<ConfigProblem> settingsProblem = Optional.empty();
    private volatile ClusterSnapshot snapshot;
    /** What the loop's last plan was made from: the configuration after its adjustments, state, time, options. */
    private volatile PlanInput lastInput = PlanInput.of(ClusterConfig.EMPTY, ClusterState.EMPTY);
    /** The sites' rules (site.SiteRules), added to the configuration before each plan; none without groups. */
    private volatile UnaryOperator<ClusterConfig> siteRules = UnaryOperator.identity();
    private volatile Instant lastConfigChange;
    private volatile boolean running;
    private volatile boolean clusterMaintenance;
    private ActionExecutor executor;
    private SilentHostCheck silentHosts;
    private ResourceMonitors monitors;
    private Durable durable;
    private ExecutorService pool;
    private ExecutorService pollers;
    private Thread loop;
    private Set<ConfigProblem> reportedProblems = Set.of();
    private List<String> reportedNotes = List.of();

    public ClusterManager() {
        this(new SystemTime());
    }

    ClusterManager(EngineTime time) {
        this.time = time;
        this.clock = time.clock();
        this.wake = time.signal();
        this.events = new EventLog(2000, clock);
        this.fenceWait = new FenceWait(backoff, events);
        this.delivery = new EventDelivery(events);
        this.registry = new DriverRegistry(this::listener, events);
        this.hosts = new HostTracker(Duration.ofSeconds(2));
        this.guests = new GuestGateway(events, () -> news("an in-guest agent reported a change"), time);
        this.observer = new Observer(registry, hosts, guests, events, time);
        observer.markNewsWith(news::mark);
        observer.reportNewsTo((reason, host) -> news(reason, host, ""));
        this.escalation = new ServiceEscalation(observer, events);
        this.silentAgents = new AgentSilenceWatch(guests, escalation, events, clock);
        this.managers = new ManagerStanding(events, hosts, observer, this::news, () -> {
            forgetFlags();
            restore();
        }, this::showFlags);
        this.sharing = new SharedReconcile(() -> snapshot, managers.leadership(), host -> {
            observer.heard(host);
            news("a follower found host " + host + " other than this manager believes", host, "");
        }, SharedReconcile.listing(registry), time);
        observer.reconcileElsewhere(sharing::reconciledElsewhere);
        this.lastConfigChange = clock.instant();
        this.snapshot = new ClusterSnapshot(ClusterConfig.EMPTY, ClusterState.EMPTY, List.of(), Map.of(),
                Transition.EMPTY);
    }

    @Activate
    void activate(Map<String, Object> properties) {
        String etc = System.getProperty("karaf.etc");
        String data = System.getProperty("karaf.data");
        if (etc != null && data != null) {
            new LocalSecurity(events).check(Paths.get(etc), Paths.get(data));
        }
        if (etc != null) {
            managers.configuredBy(new CoordinationMode(Paths.get(etc)));
            folder = new ConfigFolder(Paths.get(etc), store, this::configChanged);
            folder.open();
        }
        start(properties);
        if (etc != null && data != null) {
            provisionIn(Paths.get(etc), Paths.get(data, "basket", "provisioning"));
        }
    }

    /** Provisioning writes resources to {@code etc} and journals its steps in {@code journalDir}. */
    void provisionIn(Path etc, Path journalDir) {
        if (provisioner != null) {
            provisioner.close();
        }
        provisioner = new Provisioner(this, registry::require, events, etc, journalDir,
                () -> Duration.ofMillis(config.start_timeout_ms() + config.observe_interval_ms() + config.settle_ms()),
                () -> managers.notActing().isEmpty());
        provisioner.recoverEvery(Duration.ofSeconds(2));
    }

    /** Starts the control loop; also the entry point for tests outside OSGi. */
    void start(Map<String, ?> properties) {
        open(properties);
        running = true;
        loop = time.start("basket-control-loop", this::runLoop);
        LOG.info("Basket cluster manager started");
    }

    /** Ready to run {@link #cycle()}, without the loop thread: for tests that step the manager themselves. */
    void open(Map<String, ?> properties) {
        applyConfig(properties);
        pool = time.pool("basket-action", config.parallel_actions());
        pollers = time.pool("basket-poll", config.poll_threads());
        observer.pollWith(pollers, Duration.ofMillis(config.poll_timeout_ms()));
        observer.reconcileInFlight(config.poll_threads() / 2); // the other half stays free for the polls a turn awaits
        registry.attachWith(observer::runAll);
        durable = journal(config.journal_path());
        long firstEventId = durable.reserveEventIds(EVENT_IDS_PER_RUN);
        events.continueFrom(firstEventId);
        delivery.start(firstEventId - 1);
        restore();
        executor = new ActionExecutor(registry, guests, observer, hosts, events, pool, timeouts(config), fenceLevels, backoff,
                durable, time, managers.leadership());
        executor.watchClusterMaintenance(() -> clusterMaintenance);
        silentHosts = new SilentHostCheck(hosts, fenceLevels, registry, events, backoff, pool,
                Duration.ofMillis(config.confirm_timeout_ms()), time);
        monitors = new ResourceMonitors(registry, observer, events, pollers, Duration.ofMillis(config.poll_timeout_ms()),
                time);
        applyLimits();
        sharing.start();
    }

    private Durable journal(String configured) {
        String data = System.getProperty("karaf.data");
        if (configured.isBlank() && data == null) {
            return Durable.none(events);
        }
        Path file = configured.isBlank() ? Paths.get(data, "basket", "journal.mv") : Paths.get(configured);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            events.entry(EventKind.JOURNAL, "journal " + file + ": cannot create its directory: " + e.getMessage()).error();
        }
        return Durable.open(file, events, journalOpener);
    }

    /** Takes back what the journal kept from before a crash or restart. */
    private void restore() {
        observer.useJournal(durable);
        Instant now = clock.instant();
        for (Flag flag : durable.flags()) {
            hold(flag, now);
            EventLog.Entry restored = events.entry(EventKind.JOURNAL, "restored from the journal: " + flag);
            switch (flag.scope()) {
                case HOST -> restored.host(flag.name());
                case RESOURCE -> restored.resource(flag.name());
                default -> { }
            }
            restored.info();
        }
        durable.transitionInFlight().ifPresent(t -> {
            events.warn("the previous manager stopped during a transition; probing every host before acting. Not done: "
                    + t.pending() + ", failed: " + t.failed());
            durable.endTransition();
        });
    }

    @Modified
    void modified(Map<String, Object> properties) {
        applyConfig(properties);
        applyLimits();
        wake();
    }

    @Deactivate
    void deactivate() {
        if (folder != null) {
            folder.close();
        }
        stop();
    }

    void stop() {
        running = false;
        if (provisioner != null) {
            provisioner.close();
        }
        delivery.stop();
        if (loop != null) {
            loop.interrupt();
            try {
                loop.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sharing.stop();
        pool.shutdownNow();
        pollers.shutdownNow();
        registry.closeAll();
        durable.close();
        LOG.info("Basket cluster manager stopped");
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindCoordination(Coordination coordination) {
        managers.bindCoordination(coordination);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindSharedState(SharedState state) {
        managers.bindSharedState(state);
    }

    void unbindSharedState(SharedState state) {
        managers.unbindSharedState(state);
    }

    void unbindCoordination(Coordination coordination) {
        managers.unbindCoordination(coordination);
    }

    /** The reconcile polls shared out among the managers, for tests. */
    SharedReconcile sharing() {
        return sharing;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindObservationShare(ObservationShare share) {
        sharing.bind(share);
    }

    void unbindObservationShare(ObservationShare share) {
        sharing.unbind(share);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindEventListener(ClusterEventListener listener) {
        delivery.add(listener);
    }

    void unbindEventListener(ClusterEventListener listener) {
        delivery.remove(listener);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindDriverFactory(HypervisorDriverFactory factory) {
        registry.bind(factory);
        quiet.bindingChanged();
        wake();
    }

    void unbindDriverFactory(HypervisorDriverFactory factory) {
        registry.unbind(factory);
        quiet.bindingChanged();
        wake();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindFenceDeviceFactory(FenceDeviceFactory factory, Map<String, Object> properties) {
        fenceLevels.bind(factory, properties.get(Constants.SERVICE_RANKING) instanceof Integer rank ? rank : 0);
        quiet.bindingChanged();
        wake();
    }

    void unbindFenceDeviceFactory(FenceDeviceFactory factory) {
        fenceLevels.unbind(factory);
        quiet.bindingChanged();
        wake();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindGuestAgents(GuestAgents agents, Map<String, Object> properties) {
        guests.bind(agents, properties.get(Constants.SERVICE_RANKING) instanceof Integer rank ? rank : 0);
        quiet.bindingChanged();
        wake();
    }

    void unbindGuestAgents(GuestAgents agents) {
        guests.unbind(agents);
        quiet.bindingChanged();
        wake();
    }

    ConfigStore store() {
        return store;
    }

    Observer observer() {
        return observer;
    }

    /** Whether no action runs, not even one given up on after its timeout. */
    boolean isIdle() {
        return executor.isIdle();
    }

    @Override
    public ClusterSnapshot snapshot() {
        return snapshot;
    }

    @Override
    public List<ClusterEvent> events(int max) {
        return events.recent(max);
    }

    @Override
    public void setStandby(String host, boolean standby) {
        managers.requireLeading("ha:host-standby/ha:host-online");
        ClusterConfig current = snapshot.config();
        requireKnown("host", host, current.hosts().keySet());
        hosts.setStandby(host, standby, clock.instant());
        durable.flag(Flag.host(Flag.Kind.STANDBY, host), standby);
        events.entry(EventKind.HOST_OPERATOR, "host " + host + (standby ? " put in standby" : " back online")
                + " by the operator").host(host).info();
        news("the operator " + (standby ? "put " + host + " in standby" : "brought " + host + " online"));
    }

    @Override
    public void setMaintenance(Scope scope, String name, boolean on) {
        managers.requireLeading("ha:maintenance");
        ClusterConfig current = snapshot.config();
        switch (scope) {
            case CLUSTER:
                clusterMaintenance = on;
                durable.flag(Flag.cluster(Flag.Kind.MAINTENANCE), on);
                events.entry(EventKind.HOST_OPERATOR, "cluster maintenance mode "
                        + (on ? "on: Basket observes but never acts" : "off")).warn();
                break;
            case HOST:
                requireKnown("host", name, current.hosts().keySet());
                hosts.setMaintenance(name, on, clock.instant());
                durable.flag(Flag.host(Flag.Kind.MAINTENANCE, name), on);
                events.entry(EventKind.HOST_OPERATOR, "host " + name + " maintenance mode "
                        + (on ? "on: neither it nor its resources are acted on" : "off")).host(name).warn();
                break;
            default:
                requireKnown("resource", name, current.resources().keySet());
                observer.setMaintenance(name, on);
                durable.flag(Flag.resource(Flag.Kind.MAINTENANCE, name), on);
                events.entry(EventKind.HOST_OPERATOR, "resource " + name + " maintenance mode "
                        + (on ? "on: it is observed, never acted on" : "off")).resource(name).warn();
        }
        news("maintenance mode " + (on ? "on" : "off") + (scope == Scope.CLUSTER ? " for the cluster" : " for " + name));
    }

    @Override
    public void cleanup(String resource) {
        managers.requireLeading("ha:cleanup");
        requireKnown("resource", resource, snapshot.config().resources().keySet());
        String host = observer.blockedOn(resource);
        if (!host.isEmpty()) {
            observer.unblock(resource);
            durable.flag(Flag.blocked(resource, host), false);
        }
        List<String> unfenced = hosts.withdrawStopFailed(resource);
        unfenced.forEach(h -> durable.flag(Flag.fenceNeeded(h, resource), false));
        observer.clearFailures(resource);
        events.entry(EventKind.HOST_OPERATOR, "resource " + resource + " cleaned up by the operator: "
                + (host.isEmpty() ? "" : "no longer blocked on " + host + ", ")
                + (unfenced.isEmpty() ? "" : "its failed stop no longer calls for fencing " + String.join(", ", unfenced)
                + ", ") + "fail counts cleared")
                .resource(resource).warn();
        news("the operator cleaned up " + resource);
        wake();
    }

    @Override
    public String fence(String host) throws FenceException {
        requireKnown("host", host, snapshot.config().hosts().keySet());
        events.entry(EventKind.HOST_OPERATOR, "host " + host + ": fencing requested by the operator").host(host).warn();
        Optional<String> notActing = managers.notActing();
        if (notActing.isPresent()) {
            throw new FenceException("not fenced: " + notActing.get());
        }
        executor.fence(host);
        wake();
        return hosts.lastFencedBy(host);
    }

    @Override
    public void confirmFenced(String host) {
        requireKnown("host", host, snapshot.config().hosts().keySet());
        managers.requireLeading("ha:fence-confirm");
        hosts.fenced(host, "the operator's confirmation");
        observer.fenced(host);
        events.entry(EventKind.HOST_FENCED, "host " + host + " CONFIRMED OFF BY THE OPERATOR without fencing: its "
                + "resources are recovered elsewhere; if it still runs them, they now run twice").host(host).error();
        news("the operator confirmed " + host + " off");
    }

    @Override
    public boolean isClusterInMaintenance() {
        return clusterMaintenance;
    }

    @Override
    public Impact impact(String host, boolean fail) {
        return analysis().impact(host, fail);
    }

    @Override
    public Explanation explain(String resource) {
        return analysis().explain(resource);
    }

    @Override
    public Tolerance tolerance(int minPriority) {
        return analysis().tolerance(minPriority);
    }

    @Override
    public SimulationResult simulate(List<SimulationEvent> events) {
        return analysis().simulate(events);
    }

    @Override
    public String create(VmRequest request, Consumer<String> progress) throws ProvisioningException {
        managers.requireLeading("ha:vm-create");
        return provisioning().create(request, progress);
    }

    @Override
    public void delete(String name, boolean keepDisks, Consumer<String> progress)
            throws ProvisioningException {
        managers.requireLeading("ha:vm-delete");
        provisioning().delete(name, keepDisks, progress);
    }

    private Provisioner provisioning() {
        Provisioner current = provisioner;
        if (current == null) {
            throw new IllegalStateException("provisioning needs Basket's etc/ and data/ folders (karaf.etc, karaf.data)");
        }
        return current;
    }

    private static void requireKnown(String kind, String name, java.util.Collection<String> known) {
        if (name == null || !known.contains(name)) {
            throw new IllegalArgumentException("unknown " + kind + " '" + name + "' (configured: "
                    + String.join(", ", known) + ")");
        }
    }

    void configChanged() {
        lastConfigChange = clock.instant();
        news("the configuration changed");
    }

    /** The plan in flight is out of date: what has not started is abandoned, and Basket plans again. */
    private void news(String reason) {
        news.any(reason);
        wake();
    }

    /** News about one host (and resource, if not empty): it makes out of date only a plan that it concerns. */
    private void news(String reason, String host, String resource) {
        news.about(reason, host, resource);
        wake();
    }

    @Override
    public History history(String host, String resource, int limit) {
        return HistoryQuery.of(durable, managers.leadersState()).query(host, resource, limit, snapshot.config());
    }

    @Override
    public Progress progress() {
        return executor.progress();
    }

    @Override
    public List<String> cancel() {
        managers.requireLeading("ha:cancel");
        List<String> cancelled = new ArrayList<>();
        ClusterSnapshot current = snapshot;
        for (HostStatus host : current.state().hosts().values()) {
            boolean draining = host.state() == HostState.STANDBY && current.state().resources().values().stream()
                    .anyMatch(r -> r.activeOn().contains(host.name()));
            if (draining) {
                hosts.setStandby(host.name(), false, clock.instant());
                durable.flag(Flag.host(Flag.Kind.STANDBY, host.name()), false);
                cancelled.add("drain of " + host.name() + " cancelled: the host is back online");
                events.entry(EventKind.HOST_OPERATOR, "operator: drain of " + host.name() + " cancelled: the host is "
                        + "back online").host(host.name()).warn();
            }
        }
        Progress now = executor.progress();
        long notStarted = now.count(Progress.Phase.PENDING);
        if (notStarted > 0) {
            String abandoned = notStarted + " action(s) not started abandoned; " + now.count(Progress.Phase.RUNNING)
                    + " running finish";
            cancelled.add(abandoned);
            events.entry(EventKind.HOST_OPERATOR, "operator: " + abandoned).warn();
        }
        if (!cancelled.isEmpty()) {
            executor.cancel("cancelled by the operator");
            wake();
        }
        return cancelled;
    }

    /** The what-if analyses, from exactly what the loop planned from last. */
    private Analysis analysis() {
        return new Analysis(lastInput);
    }

    private void applyConfig(Map<String, ?> properties) {
        try {
            ManagerConfig read = StrictConfig.read(ManagerConfig.class, properties);
            SchedulerSettings.read(read); // a bad placement strategy or migration limit keeps the previous settings
            SilenceSettings.read(read);
            StopFailure.read(read);
            config = read;
            settingsProblem = Optional.empty();
            hosts.setDeadTimeout(Duration.ofMillis(config.host_dead_timeout_ms()));
        } catch (ConfigException e) {
            Object file = properties.get("felix.fileinstall.filename");
            String source = file == null ? "org.basket.manager" : file.toString();
            settingsProblem = Optional.of(new ConfigProblem(source.substring(source.lastIndexOf('/') + 1), e.key(),
                    e.getMessage() + (config == null ? " (defaults used)" : " (the previous settings stay in force)")));
            if (config == null) {
                try {
                    config = StrictConfig.read(ManagerConfig.class, Map.of());
                } catch (ConfigException impossible) {
                    throw new IllegalStateException(impossible);
                }
            }
        }
    }

    private void applyLimits() {
        executor.setTimeouts(timeouts(config));
        executor.setActionsPerHost(config.actions_per_host());
        executor.setMigrationsPerHost(config.migration_limit_host());
        executor.setStopFailure(StopFailure.of(config));
        silentHosts.setTimeout(Duration.ofMillis(config.confirm_timeout_ms()));
        observer.pollWith(pollers, Duration.ofMillis(config.poll_timeout_ms()));
        observer.reconcileEvery(Duration.ofMillis(config.reconcile_interval_ms()));
        sharing.configure(Duration.ofMillis(config.reconcile_interval_ms()), Duration.ofMillis(config.observe_interval_ms()),
                config.observation_sharing());
        monitors.setDefaultTimeout(Duration.ofMillis(config.poll_timeout_ms()));
        backoff.configure(Duration.ofMillis(config.fence_backoff_ms()), Duration.ofMillis(config.fence_backoff_max_ms()));
        silentAgents.configure(SilenceSettings.of(config));
    }

    private static Timeouts timeouts(ManagerConfig c) {
        return new Timeouts(Duration.ofMillis(c.start_timeout_ms()), Duration.ofMillis(c.stop_timeout_ms()),
                Duration.ofMillis(c.migrate_timeout_ms()), Duration.ofMillis(c.fence_timeout_ms()));
    }

    private void wake() {
        wake.raise();
    }

    /** Plans within the sites' rules from the next turn on (SiteManager), and wakes the loop. */
    void planWithin(UnaryOperator<ClusterConfig> rules) {
        siteRules = rules;
        wake();
    }

    EngineTime time() {
        return time;
    }

    /** What the loop's last plan was made from. */
    PlanInput lastInput() {
        return lastInput;
    }

    /** Turns that did not plan, nothing having changed (QuietTurns). */
    long turnsSkipped() {
        return quiet.skipped();
    }

    private void runLoop() {
        while (running) {
            try {
                wake.awaitAndClear(nextWake());
                settle();
                if (repeated) { // the same transition twice in a row: its end woke the loop, give the world a moment
                    time.sleep(REPEAT_PAUSE);
                }
                cycle();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                events.error("control loop: " + e);
                LOG.error("control loop failed", e);
            }
        }
    }

    /** The observe interval, or sooner when a silent host reaches its dead timeout or a monitor is due. */
    private Duration nextWake() {
        Instant now = clock.instant();
        Duration wait = Duration.ofMillis(config.observe_interval_ms());
        for (Optional<Duration> due : List.of(hosts.untilNextDeadline(now).map(d -> d.plusMillis(1)),
                monitors.untilNextDue(snapshot.config().resources(), now), backoff.untilNextAttempt(now))) {
            if (due.isPresent() && due.get().compareTo(wait) < 0) {
                wait = due.get();
            }
        }
        return wait;
    }

    /** Waits until the configuration has been quiet for the settle time, so that a batch of files lands together. */
    private void settle() throws InterruptedException {
        while (true) {
            long quietFor = Duration.between(lastConfigChange, clock.instant()).toMillis();
            if (quietFor >= config.settle_ms()) {
                return;
            }
            time.sleep(Duration.ofMillis(config.settle_ms() - quietFor));
        }
    }

    /** One turn of the loop: observe, plan, execute. */
    void cycle() throws InterruptedException {
        news.clear();
        ConfigStore.Result stored = store.build();
        Leadership.Standing standing = managers.turn(stored, durable);
        List<ConfigProblem> problems = new ArrayList<>(stored.problems());
        problems.addAll(fenceLevels.update(stored.fences()));
        settingsProblem.ifPresent(problems::add);
        if (durable.recover()) {
            restore();
        }
        Optional<String> journalFault = durable.fault();
        journalFault.ifPresent(f -> problems.add(new ConfigProblem("journal", "", f
                + "; Basket observes but does not act until it can write")));
        ConfigStore.Result result = new ConfigStore.Result(stored.config(), stored.drivers(), stored.fences(),
                stored.services(), problems);
        reportProblems(result.problems());
        registry.reconcile(result.drivers(), result.config().hosts());
        result.config().hosts().values().forEach(h -> hosts.managed(h.name(), registry.isManaged(h), clock.instant()));
        silentHosts.run(result.config().hosts().values().stream().filter(registry::isManaged).toList(), clock.instant());
        monitors.run(result.config().resources(), snapshot.state(), clock.instant());
        observer.poll(result.config(), clock.instant());
        durable.shareFenced(hosts.fencedHosts()); // before acting: a host that answers again is no longer taken as off
        Map<String, String> drivers = registry.status(result.drivers());
        long bindings = quiet.bindings();
        ClusterConfig sited = siteRules.apply(result.config());
        QuietTurns.Inputs inputs = new QuietTurns.Inputs(news.mark(), observer.changes(), hosts.changes(), stored, config,
                sited, result.problems(), drivers, standing, clusterMaintenance, guests.changes());
        if (!quiet.plans(inputs, clock.instant())) {
            silentAgents.stillHeard();
            return;
        }
        ClusterState state = observer.state(result.config(), result.services(), clock.instant());
        silentAgents.run(state);
        ClusterConfig planned = guests.holdUncheckable(escalation.apply(sited, state,
                clock.instant()), state);
        PlanInput input = new PlanInput(planned, escalation.planningState(planned, state), clock.instant(),
                SchedulerSettings.of(config));
        lastInput = input;
        long planStart = time.nanoTime();
        Plan plan = input.plan(scheduler);
        Duration planTook = Duration.ofNanos(time.nanoTime() - planStart);
        Transition transition = fenceWait.runnable(plan.transition(), clock.instant());
        Map<String, String> reasons = ResourceReasons.of(result.config(), planned, transition);
        snapshot = new ClusterSnapshot(result.config(), state, result.problems(), drivers, transition, reasons,
                standing.status());
        reportNotes(transition.notes(), result.config());
        boolean acts = !transition.isEmpty() && !clusterMaintenance && journalFault.isEmpty() && standing.leads();
        quiet.planned(inputs, bindings, planned, input.state(), input.now(), backoff.untilNextAttempt(input.now()),
                silentAgents.nextDecision(), acts);
        if (transition.isEmpty()) {
            lastActions = List.of();
            repeated = false;
            return;
        }
        if (clusterMaintenance || journalFault.isPresent() || !standing.leads()) {
            snapshot = new ClusterSnapshot(result.config(), state, result.problems(), drivers, Transition.EMPTY,
                    reasons, standing.status());
            return;
        }
        durable.beginTransition(transition.actions().stream().map(Object::toString).toList());
        if (durable.fault().isPresent()) {
            return; // the next turn says so and plans again
        }
        EventLog.Entry started = events.entry(EventKind.TRANSITION_STARTED, "executing " + transition.actions().size()
                + " action(s): " + transition.actions());
        if (!planTook.isZero()) { // the scheduler's time for this plan; none on a virtual time that did not move
            started.took(planTook);
        }
        started.info();
        long epoch = standing.epoch();
        repeated = transition.actions().equals(lastActions);
        lastActions = transition.actions();
        Supplier<String> concerning = news.concerning(transition, result.config(), observer.observedUpTo());
        boolean ok = executor.execute(transition, result.config(), epoch, () -> !managers.stillLeads(epoch)
                ? "this manager no longer leads epoch " + epoch
                : durable.fault().map(f -> "the journal cannot be written").orElseGet(concerning));
        durable.endTransition();
        snapshot = new ClusterSnapshot(result.config(), state, result.problems(), drivers, Transition.EMPTY,
                reasons, standing.status());
        if (ok) {
            wake();
        } else {
            events.entry(EventKind.TRANSITION_INCOMPLETE, "transition incomplete; re-planning from the next observation")
                    .warn();
        }
    }

    /** Holds a standby or maintenance flag: of the journal restored, or shared by the leader. */
    private void hold(Flag flag, Instant now) {
        switch (flag.scope()) {
            case CLUSTER:
                clusterMaintenance = true;
                break;
            case HOST:
                if (flag.kind() == Flag.Kind.STANDBY) {
                    hosts.setStandby(flag.target(), true, now);
                } else if (flag.kind() == Flag.Kind.FENCE_NEEDED) {
                    hosts.stopFailed(flag.name(), flag.stopFailed(), now);
                } else {
                    hosts.setMaintenance(flag.target(), true, now);
                }
                break;
            default:
                if (flag.kind() == Flag.Kind.BLOCKED) {
                    observer.block(flag.name(), flag.blockedOn());
                } else {
                    observer.setMaintenance(flag.target(), true);
                }
        }
    }

    /** On a follower: the flags the leader shared instead of those of its own journal, shown, not journaled. */
    private void showFlags(Set<Flag> shared) {
        forgetFlags();
        Instant now = clock.instant();
        shared.forEach(flag -> hold(flag, now));
    }

    /** Drops the standby and maintenance flags this manager held, before it takes those of the shared journal. */
    private void forgetFlags() {
        Instant now = clock.instant();
        ClusterConfig configured = store.build().config();
        clusterMaintenance = false;
        for (String host : configured.hosts().keySet()) {
            hosts.setStandby(host, false, now);
            hosts.setMaintenance(host, false, now);
            hosts.forgetStopsFailed(host);
        }
        configured.resources().keySet().forEach(resource -> {
            observer.setMaintenance(resource, false);
            observer.unblock(resource);
        });
    }

    private void reportProblems(List<ConfigProblem> problems) {
        Set<ConfigProblem> current = new HashSet<>(problems);
        for (ConfigProblem problem : problems) {
            if (!reportedProblems.contains(problem)) {
                events.entry(EventKind.CONFIG_REJECTED, "configuration rejected: " + problem).error();
            }
        }
        for (ConfigProblem old : reportedProblems) {
            if (!current.contains(old)) {
                events.entry(EventKind.CONFIG_RESOLVED, "configuration problem resolved: " + old.source()).info();
            }
        }
        reportedProblems = current;
    }

    /** Each new note of the plan, about the host or resource it begins with ("node1: unclean, ..."). */
    private void reportNotes(List<String> notes, ClusterConfig config) {
        if (!notes.equals(reportedNotes)) {
            for (String note : notes.stream().filter(n -> !reportedNotes.contains(n)).toList()) {
                String subject = note.substring(0, Math.max(0, note.indexOf(": ")));
                EventLog.Entry entry = events.entry(EventKind.PLAN_NOTE, note);
                (config.hosts().containsKey(subject) ? entry.host(subject) : entry.resource(subject)).info();
            }
            reportedNotes = notes;
        }
    }

    private DriverListener listener(String driver) {
        return new DriverListener() {
            @Override
            public void domainChanged(String host, String domain, DomainState state) {
                observer.heard(host);
                if (state == DomainState.CRASHED) {
                    events.entry(EventKind.RESOURCE_FAILED, "driver '" + driver + "': domain " + domain + " crashed on "
                            + host).host(host).resource(observer.resourceOf(domain)).warn();
                }
                if (observer.isExpected(host, domain, state)) {
                    wake();
                } else {
                    news("domain " + domain + " " + state.name().toLowerCase() + " on " + host, host,
                            observer.resourceOf(domain));
                }
            }

            @Override
            public void hostContact(String host, boolean reachable, String reason) {
                observer.heard(host);
                if (reachable) {
                    events.entry(EventKind.HOST_BACK, "driver '" + driver + "': host " + host + " answers again").host(host)
                            .info();
                    wake();
                } else if (hosts.lost(host, reason, clock.instant())) {
                    events.entry(EventKind.HOST_SUSPECT, "driver '" + driver + "': host " + host + " is suspect: " + reason)
                            .host(host).warn();
                    news("host " + host + " lost contact", host, "");
                }
            }
        };
    }
}

package org.basket.driver.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

import org.basket.api.driver.DomainInfo;
import org.basket.api.driver.DomainState;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.DriverListener;
import org.basket.api.driver.HostInfo;
import org.basket.api.fence.FenceDevice;
import org.basket.api.fence.PowerState;
import org.basket.api.model.Capacity;

/**
 * A simulated datacenter, not a real hypervisor: in-memory hosts and the domains they run, shared
 * by every endpoint of the simulator driver.
 * <p>
 * Any domain can start on any host, as if on shared storage. Like a real hypervisor, it lets a
 * domain start on a second host while still active on a first; it records each such
 * {@link DoubleActiveViolation} for safety tests.
 * <p>
 * Driver calls take the configured latency, then apply injected faults, then fail with a
 * {@link DriverException} naming the host and domain if the host is unknown, powered off, or out
 * of the manager's contact. Fault injection calls take no time and reject unknown hosts with an
 * {@link IllegalArgumentException}.
 * <p>
 * Listeners hear domain changes and contact changes, but not domain changes on hosts the manager
 * cannot reach. Thread-safe.
 */
public final class SimulatedDatacenter implements Datacenter {

    /** A fault target matching every call of its operation. */
    public static final String ANY_TARGET = "*";
    /** {@link #where()} of every datacenter of this class. */
    public static final String IN_THIS_JVM = "in this JVM";

    private final Object lock = new Object();
    private final Sleeper sleeper;
    private final EventQueue events = new EventQueue();
    private final World world = new World(events);
    private final FaultTable faults = new FaultTable();
    private final SimulatedGuests guests = new SimulatedGuests(this);
    private volatile Duration latency = Duration.ZERO;

    /** A datacenter that sleeps in real time, with no latency until {@link #setLatency}. */
    public SimulatedDatacenter() {
        this(Sleeper.REAL);
    }

    public SimulatedDatacenter(Sleeper sleeper) {
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    @Override
    public String where() {
        return IN_THIS_JVM;
    }

    // ---- the world

    /** Adds a powered-on, reachable host without domains. */
    public void addHost(String host, Capacity capacity) {
        requireName(host, "host");
        Objects.requireNonNull(capacity, "capacity");
        update(() -> world.add(new SimHost(host, capacity)));
    }

    /** Every host, sorted by name. */
    @Override
    public List<SimulatedHost> hosts() {
        synchronized (lock) {
            return world.hosts().stream().map(host -> host.snapshot(faults.fenceFails(host.name))).toList();
        }
    }

    /** The hosts where the domain is active now (may execute guest code), sorted. */
    public List<String> activeHosts(String domain) {
        synchronized (lock) {
            return world.activeHosts(domain);
        }
    }

    /** The simulated in-guest agents of this datacenter's domains. */
    public SimulatedGuests guests() {
        return guests;
    }

    /** How often the domain was booted (started while active nowhere); a live migration is no boot. */
    public long boots(String domain) {
        synchronized (lock) {
            return world.boots(domain);
        }
    }

    /** The most hosts the domain was ever active on at the same instant; 0 if it never ran. */
    public int maxActiveHosts(String domain) {
        synchronized (lock) {
            return world.safety().maxActiveHosts(domain);
        }
    }

    /** Every time a domain became active on a host while active on another, in order. */
    @Override
    public List<DoubleActiveViolation> violations() {
        synchronized (lock) {
            return world.safety().violations();
        }
    }

    @Override
    public List<InjectedFault> faults() {
        synchronized (lock) {
            return faults.list();
        }
    }

    @Override
    public Duration latency() {
        return latency;
    }

    /** Registers a listener for every host's events; they come in order, from the threads that cause them. */
    public ListenerRegistration addListener(DriverListener listener) {
        return addListener(listener, host -> true);
    }

    @Override
    public ListenerRegistration addListener(DriverListener listener, Predicate<String> hosts) {
        return events.subscribe(Objects.requireNonNull(listener, "listener"), Objects.requireNonNull(hosts, "hosts"));
    }

    // ---- driver calls

    /** Every host, reachable or not, sorted. */
    @Override
    public List<String> discoverHosts() throws DriverException {
        enter(Operation.DISCOVER, "discover hosts");
        synchronized (lock) {
            return world.hosts().stream().map(host -> host.name).toList();
        }
    }

    /** Adds the host, powered on, if new; otherwise fails unless the manager can reach it. */
    @Override
    public void attach(String host, Capacity capacityIfNew) throws DriverException {
        requireName(host, "host");
        String call = "attach " + host;
        enter(Operation.DISCOVER, call, host);
        updateChecked(() -> {
            if (world.contains(host)) {
                world.reachable(host, call);
            } else {
                world.add(new SimHost(host, capacityIfNew));
            }
        });
    }

    /** The host's capacity; the simulator does not know domain sizes, so all of it is reported free. */
    @Override
    public HostInfo hostInfo(String host) throws DriverException {
        String call = "read host " + host;
        enter(Operation.MONITOR, call, host);
        synchronized (lock) {
            SimHost known = world.reachable(host, call);
            return new HostInfo(host, known.capacity, known.capacity);
        }
    }

    /** Every domain the host knows, running or not, sorted. */
    @Override
    public List<DomainInfo> domains(String host) throws DriverException {
        String call = "list domains of " + host;
        enter(Operation.MONITOR, call, host);
        synchronized (lock) {
            return world.reachable(host, call).domains.entrySet().stream()
                    .map(entry -> new DomainInfo(entry.getKey(), entry.getValue()))
                    .toList();
        }
    }

    /** The domain's state on the host: SHUTOFF if the host does not know it. */
    @Override
    public DomainInfo monitor(String host, String domain) throws DriverException {
        String call = "monitor " + domain + " on " + host;
        enter(Operation.MONITOR, call, host, domain);
        synchronized (lock) {
            return new DomainInfo(domain, world.reachable(host, call).domains.getOrDefault(domain, DomainState.SHUTOFF));
        }
    }

    /** Starts the domain on the host; nothing to do if it is active there already. */
    @Override
    public void start(String host, String domain) throws DriverException {
        String call = "start " + domain + " on " + host;
        enter(Operation.START, call, host, domain);
        updateChecked(() -> world.start(world.reachable(host, call), domain));
    }

    /** Shuts the domain off; the simulated guest always obeys within {@code grace}. */
    @Override
    public void stop(String host, String domain, Duration grace) throws DriverException {
        String call = "stop " + domain + " on " + host;
        enter(Operation.STOP, call, host, domain);
        updateChecked(() -> {
            SimHost target = world.reachable(host, call);
            if (target.domains.containsKey(domain)) {
                world.setState(target, domain, DomainState.SHUTOFF);
            }
        });
    }

    /**
     * Live-migrates a running domain: MIGRATING on the source for {@code duration}, then at one
     * instant it leaves the source and runs on the target. On failure or interrupt it runs on the
     * source, unless it crashed, stopped or vanished with the source meanwhile. Contact cuts during
     * the transfer do not affect it: the hosts talk to each other.
     */
    public void migrate(String domain, String fromHost, String toHost, Duration duration) throws DriverException {
        migrate(domain, fromHost, toHost, duration, line -> { });
    }

    /** As {@link #migrate(String, String, String, Duration)}, reporting "copying for N ms (simulated)" as it begins. */
    @Override
    public void migrate(String domain, String fromHost, String toHost, Duration duration,
                        java.util.function.Consumer<String> progress) throws DriverException {
        String call = "migrate " + domain + " from " + fromHost + " to " + toHost;
        enter(Operation.MIGRATE, call, domain, fromHost, toHost);
        updateChecked(() -> world.beginMigration(call, domain, fromHost, toHost));
        try {
            progress.accept("copying for " + duration.toMillis() + " ms (simulated)");
            pause(duration, call);
        } catch (DriverException e) {
            update(() -> world.abortMigration(domain, fromHost));
            throw e;
        }
        updateChecked(() -> world.completeMigration(call, domain, fromHost, toHost));
    }

    /** The out-of-band power controller of the host (a BMC): it works whatever the manager's contact. */
    @Override
    public FenceDevice fenceDevice(String host) {
        requireName(host, "host");
        return new SimulatedBmc(this, host);
    }

    PowerState fencePowerState(String device, String host) throws DriverException {
        String call = device + ": status";
        enterFence(call, host);
        synchronized (lock) {
            return world.known(host, call).poweredOn ? PowerState.ON : PowerState.OFF;
        }
    }

    void fenceSetPower(String device, String host, boolean on) throws DriverException {
        String call = device + ": power " + (on ? "on" : "off");
        enterFence(call, host);
        updateChecked(() -> world.setPower(world.known(host, call), on, (on ? "powered on by " : "powered off by ") + device));
    }

    // ---- fault injection

    /** Every active copy of the domain crashes. */
    @Override
    public void crashDomain(String domain) {
        update(() -> world.crash(domain));
    }

    /** The host loses power: its domains vanish and the manager loses contact. */
    @Override
    public void crashHost(String host) {
        update(() -> world.setPower(world.existing(host), false, "host " + host + " powered off (simulated crash)"));
    }

    /** The host boots without domains. */
    @Override
    public void powerOn(String host) {
        update(() -> world.setPower(world.existing(host), true, "host " + host + " powered on"));
    }

    /** The manager cannot reach the host, which keeps running its domains; {@code false} heals. */
    @Override
    public void cutContact(String host, boolean cut) {
        update(() -> world.setContactCut(world.existing(host), cut));
    }

    /** The next {@code count} calls of the operation on that host or domain (or {@link #ANY_TARGET}) fail. */
    @Override
    public void failNext(Operation operation, String target, int count) {
        Objects.requireNonNull(operation, "operation");
        requireName(target, "target");
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
        update(() -> faults.failNext(operation, target, count));
    }

    /** Calls of the operation on that host or domain (or {@link #ANY_TARGET}) block until interrupted, then fail. */
    @Override
    public void hang(Operation operation, String target) {
        Objects.requireNonNull(operation, "operation");
        requireName(target, "target");
        update(() -> faults.hang(operation, target));
    }

    /** The host's fence device fails while {@code fail} holds. */
    @Override
    public void failFence(String host, boolean fail) {
        update(() -> faults.failFence(world.existing(host).name, fail));
    }

    /** Forgets injected failures, hangs and fence failures; calls already hanging keep hanging. */
    @Override
    public void clearFaults() {
        update(faults::clear);
    }

    @Override
    public void setLatency(Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + latency);
        }
        this.latency = latency;
    }

    // ---- time and faults, outside the lock

    private void enter(Operation operation, String call, String... subjects) throws DriverException {
        pause(latency, call);
        List<String> targets = new ArrayList<>(List.of(subjects));
        targets.add(ANY_TARGET);
        FaultTable.Effect effect;
        synchronized (lock) {
            effect = faults.match(operation, targets);
        }
        switch (effect) {
            case FAIL -> throw new DriverException(call + ": simulated failure (injected into " + operation + ")");
            case HANG -> hangUntilInterrupted(call);
            case NONE -> { }
        }
    }

    private void enterFence(String call, String host) throws DriverException {
        enter(Operation.FENCE, call, host);
        synchronized (lock) {
            if (faults.fenceFails(host)) {
                throw new DriverException(call + ": simulated fence failure");
            }
        }
    }

    private void pause(Duration duration, String call) throws DriverException {
        if (duration.isZero()) {
            return;
        }
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException(call + ": interrupted", e);
        }
    }

    private void hangUntilInterrupted(String call) throws DriverException {
        try {
            sleeper.hang();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException(call + ": interrupted while hanging (simulated hang)", e);
        }
    }

    private static void requireName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + " name must not be blank");
        }
    }

    // ---- changes under the lock, then event delivery outside it

    @FunctionalInterface
    private interface CheckedUpdate {
        void apply() throws DriverException;
    }

    private void update(Runnable change) {
        try {
            synchronized (lock) {
                change.run();
            }
        } finally {
            events.deliver();
        }
    }

    private void updateChecked(CheckedUpdate change) throws DriverException {
        try {
            synchronized (lock) {
                change.apply();
            }
        } finally {
            events.deliver();
        }
    }
}

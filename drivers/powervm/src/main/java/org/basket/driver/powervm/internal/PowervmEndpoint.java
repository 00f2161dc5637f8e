package org.basket.driver.powervm.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.basket.api.driver.DomainInfo;
import org.basket.api.driver.DomainState;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.Fencing;
import org.basket.api.driver.HostBinding;
import org.basket.api.driver.HostInfo;
import org.basket.api.driver.HypervisorDriver;
import org.basket.api.driver.LiveMigration;
import org.basket.api.driver.MigrationOptions;
import org.basket.api.fence.FenceDevice;
import org.basket.api.model.Capacity;
import org.basket.driver.powervm.internal.HmcModel.ManagedSystem;
import org.basket.driver.powervm.internal.HmcModel.Partition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HMC: each managed system it manages is a Basket host (its address: the SystemName or the system's UUID),
 * each logical partition a VM (its PartitionName or PartitionUUID). Nothing is cached: every call reads the HMC.
 * A managed system in any state but operating or standby (error, no connection, power off, ...) is out of contact.
 */
final class PowervmEndpoint implements HypervisorDriver, LiveMigration, Fencing {
    private static final Logger LOG = LoggerFactory.getLogger(PowervmEndpoint.class);
    private static final String SYSTEMS = "/rest/api/uom/ManagedSystem";
    private static final String PARTITIONS = "/rest/api/uom/LogicalPartition";

    private final PowervmSettings settings;
    private final HmcClient client;
    private final Jobs jobs;
    /** Basket's host name -> the managed system's name or UUID. */
    private final Map<String, String> attached = new ConcurrentHashMap<>();
    private volatile boolean closed;

    PowervmEndpoint(PowervmSettings settings, HmcClient client) {
        this.settings = settings;
        this.client = client;
        this.jobs = new Jobs(client, settings);
    }

    /** Logs on and reads the managed systems once; fails naming the endpoint. */
    void open() throws DriverException {
        client.logon();
        systems();
    }

    @Override
    public List<String> discoverHosts() throws DriverException {
        return systems().stream().map(ManagedSystem::name).sorted().toList();
    }

    @Override
    public void attach(HostBinding host) throws DriverException {
        Optional<ManagedSystem> found = find(host.address());
        if (found.isEmpty()) {
            throw new DriverException(where() + ": host " + host.name() + ": no managed system '" + host.address()
                    + "' on the HMC (known: " + String.join(", ", discoverHosts()) + ")");
        }
        ManagedSystem system = found.get();
        attached.put(host.name(), host.address());
        LOG.info("PowerVM driver '{}': host {} attached as managed system {} ({})", settings.endpoint(), host.name(), system.name(),
                system.uuid());
        requireContact(host.name(), system);
    }

    @Override
    public void detach(String host) {
        attached.remove(host);
    }

    /** The system's configurable memory and processor units (whole cores), and what the HMC reports available of them. */
    @Override
    public HostInfo host(String host) throws DriverException {
        ManagedSystem system = connected(host);
        return new HostInfo(host, new Capacity((int) Math.floor(system.procUnits()), system.memoryMb()),
                new Capacity((int) Math.floor(system.freeProcUnits()), system.freeMemoryMb()));
    }

    @Override
    public List<DomainInfo> domains(String host) throws DriverException {
        ManagedSystem system = connected(host);
        List<DomainInfo> result = new ArrayList<>();
        for (Partition partition : partitionsOn(system)) {
            result.add(new DomainInfo(partition.name(), partition.domainState()));
            result.add(new DomainInfo(partition.uuid(), partition.domainState()));
        }
        return result;
    }

    @Override
    public DomainInfo monitor(String host, String domain) throws DriverException {
        ManagedSystem system = connected(host);
        Partition partition = partition(domain);
        return new DomainInfo(domain, partition.systemUuid().equals(system.uuid()) ? partition.domainState() : DomainState.SHUTOFF);
    }

    /**
     * Activates the partition on this system (PowerOn job). A partition of another system is brought here first:
     * from a system the HMC still runs, by an inactive partition migration; from a failed one (the engine asks only
     * once it is fenced), by Simplified Remote Restart, which also starts it.
     */
    @Override
    public void start(String host, String domain) throws DriverException {
        ManagedSystem target = connected(host);
        Partition partition = partition(domain);
        String what = where() + ": starting partition " + domain;
        if (!partition.systemUuid().equals(target.uuid())) {
            ManagedSystem source = systemByUuid(partition.systemUuid());
            if (!source.inContact()) {
                remoteRestart(partition, source, target, host);
                return;
            }
            if (partition.domainState().isActive()) {
                throw new DriverException(what + ": it runs on managed system " + source.name() + ", not on " + host);
            }
            jobs.run(PARTITIONS + "/" + partition.uuid(), "Migrate", "LogicalPartition", Map.of("TargetManagedSystemName",
                    target.name()), what + ": moving it (inactive) from " + source.name() + " to " + target.name(), line -> { });
        } else if (partition.domainState().isActive()) {
            return;
        }
        jobs.run(PARTITIONS + "/" + partition.uuid(), "PowerOn", "LogicalPartition", Map.of(), what + " on managed system "
                + target.name(), line -> { });
        LOG.info("PowerVM driver '{}': partition {} started on {} ({})", settings.endpoint(), domain, host, target.name());
    }

    private void remoteRestart(Partition partition, ManagedSystem source, ManagedSystem target, String host) throws DriverException {
        String what = where() + ": restarting partition " + partition.name() + " of managed system " + source.name() + " ("
                + source.state() + ") on " + target.name();
        if (!partition.srrCapable()) {
            throw new DriverException(what + ": the partition is not simplified remote restart capable, so it cannot run"
                    + " elsewhere until " + source.name() + " is back");
        }
        // IBM's LogicalPartition_RemoteRestart job: Operation restart validates, then restarts
        jobs.run(PARTITIONS + "/" + partition.uuid(), "RemoteRestart", "LogicalPartition", Map.of("Operation", "restart",
                "targetManagedSystemUUID", target.uuid()), what + " by simplified remote restart", line -> { });
        LOG.info("PowerVM driver '{}': partition {} remote-restarted from {} on {} ({})", settings.endpoint(), partition.name(),
                source.name(), host, target.name());
    }

    /**
     * A PowerOff job with operation osshutdown (the partition's OS shuts down through RMC), followed up to
     * {@code grace}; then, or when the OS shutdown fails, an immediate PowerOff.
     */
    @Override
    public void stop(String host, String domain, Duration grace) throws DriverException {
        ManagedSystem system = connected(host);
        Optional<Partition> known = findPartition(domain);
        if (known.isEmpty()) {
            return; // not on the HMC: it runs nowhere, so it is stopped (as an OCF agent's stop is)
        }
        Partition partition = known.get();
        if (!partition.systemUuid().equals(system.uuid()) || !partition.domainState().isActive()) {
            return;
        }
        String target = PARTITIONS + "/" + partition.uuid();
        String what = where() + ": stopping partition " + domain + " on managed system " + system.name();
        try {
            jobs.run(target, "PowerOff", "LogicalPartition", Map.of("operation", "osshutdown", "immediate", "false"), what,
                    line -> { }, grace.isZero() ? Duration.ofMillis(1) : grace);
            LOG.info("PowerVM driver '{}': partition {} shut down on {}", settings.endpoint(), domain, host);
            return;
        } catch (DriverException e) {
            LOG.info("{}: powering it off immediately", e.getMessage());
        }
        jobs.run(target, "PowerOff", "LogicalPartition", Map.of("operation", "shutdown", "immediate", "true"),
                what + " immediately", line -> { });
    }

    /**
     * Live Partition Mobility: a MigrateValidate job, then a Migrate job whose progress is reported; when the
     * migration fails, a MigrateRecover job puts the partition back in order on its source.
     */
    @Override
    public void migrate(String domain, String fromHost, String toHost, MigrationOptions options) throws DriverException {
        ManagedSystem source = connected(fromHost);
        ManagedSystem target = connected(toHost);
        Partition partition = partition(domain);
        String what = where() + ": migrating partition " + domain + " from managed system " + source.name() + " to " + target.name();
        if (!partition.systemUuid().equals(source.uuid()) || partition.domainState() != DomainState.RUNNING) {
            throw new DriverException(what + ": it does not run on " + source.name() + " (" + partition.state() + ")");
        }
        String path = PARTITIONS + "/" + partition.uuid();
        Map<String, String> toTarget = Map.of("TargetManagedSystemName", target.name());
        jobs.run(path, "MigrateValidate", "LogicalPartition", toTarget, what + ": validation", line -> { });
        try {
            jobs.run(path, "Migrate", "LogicalPartition", toTarget, what, line -> options.progress().accept(line
                    + " (LPM of " + domain + " to " + toHost + ")"));
        } catch (DriverException failed) {
            throw new DriverException(failed.getMessage() + "; " + recover(path, what), failed);
        }
        LOG.info("PowerVM driver '{}': partition {} migrated from {} to {}", settings.endpoint(), domain, fromHost, toHost);
    }

    private String recover(String path, String what) {
        try {
            jobs.run(path, "MigrateRecover", "LogicalPartition", Map.of(), what + ": recovery", line -> { });
            return "MigrateRecover completed";
        } catch (DriverException e) {
            return "and its recovery failed too: " + e.getMessage();
        }
    }

    /** Fencing of a managed system through the HMC ({@link HmcFence}); a host not attached is looked up by its Basket name. */
    @Override
    public FenceDevice fenceDevice(String host) {
        String address = attached.getOrDefault(host, host);
        return new HmcFence(host, new HmcFence.Access() {
            @Override
            public ManagedSystem system() throws DriverException {
                return find(address).orElseThrow(() -> new DriverException(where() + ": host " + host + ": no managed system '"
                        + address + "' on the HMC"));
            }

            @Override
            public List<Partition> partitions(ManagedSystem system) throws DriverException {
                return partitionsOn(system);
            }

            @Override
            public void job(String path, String operation, String group, Map<String, String> parameters, String what)
                    throws DriverException {
                jobs.run(path, operation, group, parameters, where() + ": fencing host " + host + ": " + what, line -> { });
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        client.logoff();
    }

    private List<ManagedSystem> systems() throws DriverException {
        require();
        return HmcModel.systems(client.read(SYSTEMS, where() + ": reading the managed systems"));
    }

    private Optional<ManagedSystem> find(String address) throws DriverException {
        return systems().stream().filter(s -> s.name().equals(address) || s.uuid().equalsIgnoreCase(address)).findFirst();
    }

    private ManagedSystem systemByUuid(String uuid) throws DriverException {
        return find(uuid).orElseThrow(() -> new DriverException(where() + ": no managed system " + uuid + " on the HMC"));
    }

    private ManagedSystem connected(String host) throws DriverException {
        String address = attached.get(host);
        if (address == null) {
            throw new DriverException("host " + host + " is not attached to PowerVM driver '" + settings.endpoint() + "'");
        }
        ManagedSystem system = find(address).orElseThrow(() -> new DriverException(where() + ": host " + host
                + ": managed system '" + address + "' is no longer on the HMC"));
        requireContact(host, system);
        return system;
    }

    private void requireContact(String host, ManagedSystem system) throws DriverException {
        if (!system.inContact()) {
            throw new DriverException(where() + ": host " + host + ": managed system " + system.name() + " is in state '"
                    + system.state() + "'");
        }
    }

    private List<Partition> partitionsOn(ManagedSystem system) throws DriverException {
        return HmcModel.partitions(client.read(SYSTEMS + "/" + system.uuid() + "/LogicalPartition", where()
                + ": reading the partitions of managed system " + system.name()));
    }

    /** A partition of any managed system, by its name or UUID. */
    private Partition partition(String domain) throws DriverException {
        return findPartition(domain)
                .orElseThrow(() -> new DriverException(where() + ": no partition '" + domain + "' (by name or UUID) on the HMC"));
    }

    private Optional<Partition> findPartition(String domain) throws DriverException {
        return HmcModel.partitions(client.read(PARTITIONS, where() + ": reading the partitions")).stream()
                .filter(p -> p.name().equals(domain) || p.uuid().equalsIgnoreCase(domain)).findFirst();
    }

    private void require() throws DriverException {
        if (closed) {
            throw new DriverException(where() + ": the endpoint is closed");
        }
    }

    private String where() {
        return client.where();
    }
}

package org.basket.driver.libvirt.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.basket.api.driver.DomainInfo;
import org.basket.api.driver.DomainState;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.DriverListener;
import org.basket.api.driver.HostBinding;
import org.basket.api.driver.HostInfo;
import org.basket.api.driver.HypervisorDriver;
import org.basket.api.driver.LiveMigration;
import org.basket.api.driver.MigrationOptions;
import org.basket.api.driver.Provisioning;
import org.basket.api.driver.StoragePools;
import org.basket.api.model.Capacity;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.NodeInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One libvirt endpoint: a connection per attached host, whose address is its libvirt URI. A
 * resource names its domain by name or UUID; {@link #domains} lists every domain under both.
 */
final class LibvirtEndpoint implements HypervisorDriver, LiveMigration, Provisioning, StoragePools {
    private static final Logger LOG = LoggerFactory.getLogger(LibvirtEndpoint.class);
    private static final Duration STOP_POLL = Duration.ofMillis(100);

    private final String name;
    private final LibvirtSettings settings;
    private final DriverListener listener;
    private final Map<String, HostConnection> hosts = new ConcurrentHashMap<>();
    private final Definitions definitions = new Definitions();
    /** Domains leaving a host by live migration, as "domain@host". */
    private final Set<String> departing = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService retries;
    private final ExecutorService connector;
    private final Map<HostBinding, CompletableFuture<HostConnection>> connecting = new ConcurrentHashMap<>();
    private final Migrations migrations;

    LibvirtEndpoint(String name, LibvirtSettings settings, DriverListener listener) {
        this.name = name;
        this.settings = settings;
        this.listener = listener;
        this.retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "libvirt-" + name + "-reconnect");
            thread.setDaemon(true);
            return thread;
        });
        this.connector = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "libvirt-" + name + "-connect");
            thread.setDaemon(true);
            return thread;
        });
        this.migrations = new Migrations(settings, definitions);
    }

    @Override
    public List<String> discoverHosts() {
        return List.copyOf(hosts.keySet());
    }

    /**
     * Connects within the connect timeout. A connection that takes longer goes on in the background
     * and the next attach of the host waits for that one, so a host that does not answer never holds
     * the caller for longer than the timeout, nor piles up attempts.
     */
    @Override
    public void attach(HostBinding host) throws DriverException {
        CompletableFuture<HostConnection> attempt = connecting.computeIfAbsent(host,
                binding -> CompletableFuture.supplyAsync(() -> open(binding), connector));
        HostConnection connection;
        try {
            connection = attempt.get(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new DriverException("host " + host.name() + ": no answer from " + host.address() + " within "
                    + settings.connectTimeout().toMillis() + " ms; still trying");
        } catch (ExecutionException e) {
            connecting.remove(host, attempt);
            throw e.getCause() instanceof DriverException failure ? failure
                    : new DriverException("host " + host.name() + ": cannot connect to " + host.address() + ": "
                            + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException("host " + host.name() + ": attaching was interrupted");
        }
        connecting.remove(host, attempt);
        HostConnection old = hosts.put(host.name(), connection);
        if (old != null && old != connection) {
            old.close();
        }
        LOG.info("libvirt driver '{}': host {} attached at {}", name, host.name(), host.address());
        rememberAll(connection);
    }

    @Override
    public void detach(String host) {
        connecting.entrySet().removeIf(entry -> {
            if (!entry.getKey().name().equals(host)) {
                return false;
            }
            entry.getValue().thenAccept(HostConnection::close);
            return true;
        });
        HostConnection connection = hosts.remove(host);
        if (connection != null) {
            connection.close();
        }
    }

    private HostConnection open(HostBinding binding) {
        try {
            return HostConnection.open(binding, settings, listener, retries);
        } catch (DriverException e) {
            throw new CompletionException(e);
        }
    }

    @Override
    public HostInfo host(String host) throws DriverException {
        HostConnection connection = connection(host);
        Connect connect = connection.require();
        try {
            NodeInfo node = connect.nodeInfo();
            int usedCpus = 0;
            long usedKib = 0;
            for (int id : connect.listDomains()) {
                org.libvirt.DomainInfo info = connect.domainLookupByID(id).getInfo();
                usedCpus += info.nrVirtCpu;
                usedKib += info.maxMem;
            }
            Capacity capacity = new Capacity(node.cpus, node.memory / 1024);
            long freeMb = Math.max(0, node.memory - usedKib) / 1024;
            return new HostInfo(host, capacity, new Capacity(Math.max(0, node.cpus - usedCpus), freeMb));
        } catch (LibvirtException e) {
            throw connection.failed("reading capacity", e);
        }
    }

    @Override
    public List<DomainInfo> domains(String host) throws DriverException {
        HostConnection connection = connection(host);
        Connect connect = connection.require();
        List<DomainInfo> result = new ArrayList<>();
        try {
            for (int id : connect.listDomains()) {
                Domain domain = lookupListed(() -> connect.domainLookupByID(id));
                if (domain != null) {
                    add(result, host, domain, state(host, domain));
                }
            }
            for (String defined : connect.listDefinedDomains()) {
                Domain domain = lookupListed(() -> connect.domainLookupByName(defined));
                if (domain != null) {
                    add(result, host, domain, DomainState.SHUTOFF);
                }
            }
        } catch (LibvirtException e) {
            throw connection.failed("listing domains", e);
        }
        return result;
    }

    @Override
    public DomainInfo monitor(String host, String domain) throws DriverException {
        HostConnection connection = connection(host);
        Domain found = Lookup.require(connection, domain);
        try {
            return new DomainInfo(domain, state(host, found));
        } catch (LibvirtException e) {
            throw connection.failed("reading the state of domain " + domain, e);
        }
    }

    @Override
    public void start(String host, String domain) throws DriverException {
        HostConnection connection = connection(host);
        Domain found = Lookup.find(connection, domain).orElse(null);
        if (found == null) {
            found = defineFromElsewhere(connection, domain);
        }
        try {
            if (found.isActive() == 1) {
                return;
            }
            found.create();
            LOG.info("libvirt driver '{}': domain {} started on {}", name, domain, host);
        } catch (LibvirtException e) {
            throw connection.failed("starting domain " + domain, e);
        }
    }

    @Override
    public void stop(String host, String domain, Duration grace) throws DriverException {
        HostConnection connection = connection(host);
        Optional<Domain> there = Lookup.find(connection, domain);
        if (there.isEmpty()) {
            return; // not defined there: it does not run there, so it is stopped (as an OCF agent's stop is)
        }
        Domain found = there.get();
        try {
            if (found.isActive() != 1) {
                return;
            }
            String held = DomainStates.cannotShutDown(found.getInfo().state);
            if (!held.isEmpty()) {
                LOG.info("libvirt driver '{}': domain {} on {} is {}, so its guest cannot shut down: destroying it "
                        + "at once, without the grace of {} ms", name, domain, host, held, grace.toMillis());
                found.destroy();
                return;
            }
            found.shutdown();
            String why = shutDownWithin(found, grace);
            if (!why.isEmpty()) {
                LOG.info("libvirt driver '{}': domain {} on {} {}: destroying it", name, domain, host, why);
                found.destroy();
            }
        } catch (LibvirtException e) {
            throw connection.failed("stopping domain " + domain, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException("host " + host + ": stopping domain " + domain + " was interrupted");
        }
    }

    /** Waits for a shutdown asked for: empty once the domain is off, else why it must be destroyed. */
    private static String shutDownWithin(Domain domain, Duration grace) throws LibvirtException, InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        while (domain.isActive() == 1) {
            String held = DomainStates.cannotShutDown(domain.getInfo().state);
            if (!held.isEmpty()) {
                return "is " + held + " while shutting down";
            }
            if (System.nanoTime() >= deadline) {
                return "did not shut down within " + grace.toMillis() + " ms";
            }
            Thread.sleep(STOP_POLL.toMillis());
        }
        return "";
    }

    @Override
    public void migrate(String domain, String fromHost, String toHost, MigrationOptions options)
            throws DriverException {
        HostConnection source = connection(fromHost);
        HostConnection target = connection(toHost);
        String key = domain + "@" + fromHost;
        departing.add(key);
        try {
            migrations.migrate(domain, source, target, options);
        } finally {
            departing.remove(key);
        }
    }

    @Override
    public String define(String host, String definition) throws DriverException {
        HostConnection connection = connection(host);
        Connect connect = connection.require();
        try {
            Domain domain = connect.domainDefineXML(definition);
            remember(host, domain);
            return domain.getName();
        } catch (LibvirtException e) {
            throw connection.failed("defining a domain from XML", e);
        }
    }

    @Override
    public void undefine(String host, String domain) throws DriverException {
        HostConnection connection = connection(host);
        Domain found = Lookup.require(connection, domain);
        try {
            if (found.isActive() == 1) {
                throw new DriverException("host " + host + ": domain " + domain + " is running; stop it before undefining it");
            }
            String uuid = found.getUUIDString();
            found.undefine();
            definitions.forget(domain);
            definitions.forget(found.getName());
            definitions.forget(uuid);
        } catch (LibvirtException e) {
            throw connection.failed("undefining domain " + domain, e);
        }
    }

    @Override
    public String allocate(String host, String pool, String volume, long bytes) throws DriverException {
        return Volumes.allocate(connection(host), pool, volume, bytes);
    }

    @Override
    public boolean delete(String host, String pool, String volume) throws DriverException {
        return Volumes.delete(connection(host), pool, volume);
    }

    @Override
    public boolean deleteAt(String host, String path) throws DriverException {
        return Volumes.deleteAt(connection(host), path);
    }

    @Override
    public List<String> disks(String host, String domain) throws DriverException {
        return Volumes.disks(connection(host), domain);
    }

    @Override
    public void close() {
        connecting.values().forEach(attempt -> attempt.thenAccept(HostConnection::close));
        connecting.clear();
        hosts.values().forEach(HostConnection::close);
        hosts.clear();
        retries.shutdownNow();
        connector.shutdown();
    }

    HostConnection connection(String host) throws DriverException {
        HostConnection connection = hosts.get(host);
        if (connection == null) {
            throw new DriverException("host " + host + " is not attached to libvirt driver '" + name + "'");
        }
        return connection;
    }

    private DomainState state(String host, Domain domain) throws LibvirtException {
        DomainState state = DomainStates.of(domain.getInfo().state);
        return state.isActive() && departing.contains(domain.getName() + "@" + host) ? DomainState.MIGRATING : state;
    }

    private void add(List<DomainInfo> result, String host, Domain domain, DomainState state) throws LibvirtException {
        String domainName = domain.getName();
        result.add(new DomainInfo(domainName, state));
        result.add(new DomainInfo(domain.getUUIDString(), state));
        if (!definitions.knows(domainName)) {
            remember(host, domain);
        }
    }

    private void rememberAll(HostConnection connection) throws DriverException {
        Connect connect = connection.require();
        try {
            for (String defined : connect.listDefinedDomains()) {
                Domain domain = lookupListed(() -> connect.domainLookupByName(defined));
                if (domain != null) {
                    remember(connection.host(), domain);
                }
            }
            for (int id : connect.listDomains()) {
                Domain domain = lookupListed(() -> connect.domainLookupByID(id));
                if (domain != null) {
                    remember(connection.host(), domain);
                }
            }
        } catch (LibvirtException e) {
            throw connection.failed("reading domain definitions", e);
        }
    }

    void remember(String host, Domain domain) throws LibvirtException {
        if (domain.isPersistent() == 1) {
            String xml = domain.getXMLDesc(Migrations.XML_INACTIVE);
            definitions.seen(domain.getName(), host, xml);
            definitions.seen(domain.getUUIDString(), host, xml);
        }
    }

    /** Shared storage: defines the domain here from its definition last seen on another host. */
    private Domain defineFromElsewhere(HostConnection connection, String domain) throws DriverException {
        String xml = definitions.xml(domain).orElseThrow(() -> new DriverException("host " + connection.host()
                + ": no domain '" + domain + "' (by name or UUID), and no other host of driver '" + name
                + "' defined it"));
        Connect connect = connection.require();
        try {
            Domain defined = connect.domainDefineXML(xml);
            LOG.info("libvirt driver '{}': domain {} defined on {} from its definition on {}", name, domain,
                    connection.host(), definitions.host(domain).orElse("?"));
            return defined;
        } catch (LibvirtException e) {
            throw connection.failed("defining domain " + domain + " from its definition on "
                    + definitions.host(domain).orElse("another host"), e);
        }
    }

    /** A domain listed a moment ago may be gone now; null then. */
    private static Domain lookupListed(Lookup.Call call) throws LibvirtException {
        try {
            return call.get();
        } catch (LibvirtException e) {
            if (Lookup.isNoDomain(e)) {
                return null;
            }
            throw e;
        }
    }
}

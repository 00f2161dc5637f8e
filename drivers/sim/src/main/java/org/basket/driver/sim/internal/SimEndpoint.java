package org.basket.driver.sim.internal;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.basket.api.driver.ChangeEvents;
import org.basket.api.driver.DomainInfo;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.DriverListener;
import org.basket.api.driver.Fencing;
import org.basket.api.driver.HostBinding;
import org.basket.api.driver.HostInfo;
import org.basket.api.driver.HypervisorDriver;
import org.basket.api.driver.LiveMigration;
import org.basket.api.driver.MigrationOptions;
import org.basket.api.fence.FenceDevice;
import org.basket.driver.sim.ListenerRegistration;
import org.basket.driver.sim.Datacenter;

/**
 * One endpoint of the simulator driver: a view of the simulated datacenter (the one in this JVM, or
 * a world process) limited to the hosts it attached; it reports every change of theirs as an event
 * ({@link ChangeEvents}: the world's event stream, whose loss is a loss of contact). Host addresses and migration options are ignored: a host is known by its name, and
 * every migration takes the configured duration.
 */
final class SimEndpoint implements HypervisorDriver, LiveMigration, Fencing, ChangeEvents {
    private final String name;
    private final Datacenter datacenter;
    private final Runnable onClose;
    private final SimSettings settings;
    private final Set<String> attached = ConcurrentHashMap.newKeySet();
    private final ListenerRegistration events;
    private volatile boolean closed;

    SimEndpoint(String name, Datacenter datacenter, SimSettings settings, DriverListener listener, Runnable onClose) {
        this.name = name;
        this.datacenter = datacenter;
        this.onClose = onClose;
        this.settings = settings;
        this.events = datacenter.addListener(listener, attached::contains);
    }

    @Override
    public List<String> discoverHosts() throws DriverException {
        requireOpen();
        return datacenter.discoverHosts().stream().filter(attached::contains).toList();
    }

    /** Creates the simulated host, powered on, if it is new. */
    @Override
    public void attach(HostBinding host) throws DriverException {
        requireOpen();
        datacenter.attach(host.name(), settings.capacityOf(host.name()));
        attached.add(host.name());
    }

    @Override
    public void detach(String host) {
        attached.remove(host);
    }

    @Override
    public HostInfo host(String host) throws DriverException {
        return datacenter.hostInfo(requireAttached(host));
    }

    @Override
    public List<DomainInfo> domains(String host) throws DriverException {
        return datacenter.domains(requireAttached(host));
    }

    @Override
    public DomainInfo monitor(String host, String domain) throws DriverException {
        return datacenter.monitor(requireAttached(host), domain);
    }

    @Override
    public void start(String host, String domain) throws DriverException {
        datacenter.start(requireAttached(host), domain);
    }

    @Override
    public void stop(String host, String domain, Duration grace) throws DriverException {
        datacenter.stop(requireAttached(host), domain, grace);
    }

    @Override
    public void migrate(String domain, String fromHost, String toHost, MigrationOptions options) throws DriverException {
        datacenter.migrate(domain, requireAttached(fromHost), requireAttached(toHost), settings.migration(),
                options.progress());
    }

    @Override
    /** The simulated BMC is out of band: it fences a host this endpoint could not attach. */
    public FenceDevice fenceDevice(String host) throws DriverException {
        requireOpen();
        try {
            return datacenter.fenceDevice(host);
        } catch (IllegalArgumentException e) {
            throw new DriverException(e.getMessage());
        }
    }

    /** Stops reporting events; the simulated domains keep running. */
    @Override
    public void close() {
        closed = true;
        events.close();
        onClose.run();
    }

    boolean isOpen() {
        return !closed;
    }

    /** Where its simulated world lives. */
    Datacenter datacenter() {
        return datacenter;
    }

    private void requireOpen() throws DriverException {
        if (closed) {
            throw new DriverException("simulator endpoint '" + name + "' is closed");
        }
    }

    private String requireAttached(String host) throws DriverException {
        requireOpen();
        if (!attached.contains(host)) {
            throw new DriverException("host " + host + " is not attached to simulator endpoint '" + name + "'");
        }
        return host;
    }
}

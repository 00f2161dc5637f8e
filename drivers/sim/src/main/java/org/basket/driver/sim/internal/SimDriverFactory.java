package org.basket.driver.sim.internal;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.DriverListener;
import org.basket.api.driver.HypervisorDriver;
import org.basket.api.driver.HypervisorDriverFactory;
import org.basket.driver.sim.Datacenter;
import org.basket.driver.sim.SimulatedDatacenter;
import org.basket.driver.sim.world.RemoteDatacenter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator driver, type {@code sim}: every endpoint it opens is a view of one simulated
 * datacenter, which lives as long as this component, or, with {@code world = HOST:PORT}, of a world
 * process several managers share. Immediate, so that the simulated world does
 * not vanish when no one holds the service.
 */
@Component(immediate = true,
        service = { HypervisorDriverFactory.class, SimulatorControl.class },
        property = HypervisorDriverFactory.TYPE_PROPERTY + "=" + SimDriverFactory.TYPE)
public class SimDriverFactory implements HypervisorDriverFactory, SimulatorControl {

    static final String TYPE = "sim";

    private static final Logger LOG = LoggerFactory.getLogger(SimDriverFactory.class);

    private volatile SimulatedDatacenter datacenter;
    private final Set<SimEndpoint> endpoints = ConcurrentHashMap.newKeySet();

    /** For Declarative Services: the datacenter is made on activation. */
    public SimDriverFactory() {
    }

    /** Outside OSGi (tests of other modules): serves the given datacenter. */
    public SimDriverFactory(SimulatedDatacenter datacenter) {
        this.datacenter = datacenter;
    }

    @Activate
    void activate() {
        SimulatedDatacenter fresh = new SimulatedDatacenter();
        fresh.setLatency(SimSettings.DEFAULT_LATENCY);
        datacenter = fresh;
        LOG.info("Simulated hypervisor driver started: in-memory hosts and VMs, not a real hypervisor");
    }

    @Deactivate
    void deactivate() {
        endpoints.forEach(SimEndpoint::close);
        endpoints.clear();
        datacenter = null;
        LOG.info("Simulated hypervisor driver stopped: simulated datacenter discarded");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public HypervisorDriver open(DriverConfig config, DriverListener listener) throws DriverException {
        SimSettings settings = SimSettings.parse(config);
        if (settings.world().isEmpty()) {
            SimulatedDatacenter current = datacenter();
            settings.latency().ifPresent(current::setLatency);
            return track(new SimEndpoint(config.name(), current, settings, listener, () -> { }));
        }
        RemoteDatacenter remote = new RemoteDatacenter(settings.world().get());
        try {
            if (settings.latency().isPresent()) {
                remote.setLatency(settings.latency().get());
            } else {
                remote.latency();
            }
        } catch (RuntimeException e) {
            remote.close();
            throw new DriverException("driver '" + config.name() + "': " + e.getMessage());
        }
        return track(new SimEndpoint(config.name(), remote, settings, listener, remote::close));
    }

    /** Keeps the open endpoints, for {@link #world}. */
    private SimEndpoint track(SimEndpoint endpoint) {
        endpoints.removeIf(e -> !e.isOpen());
        endpoints.add(endpoint);
        return endpoint;
    }

    @Override
    public Datacenter world() {
        Map<String, Datacenter> worlds = new TreeMap<>();
        endpoints.stream().filter(SimEndpoint::isOpen).map(SimEndpoint::datacenter).forEach(w -> worlds.putIfAbsent(w.where(), w));
        if (worlds.size() > 1) {
            throw new IllegalStateException("the simulator's endpoints use several worlds (" + String.join(", ", worlds.keySet())
                    + "): sim: commands address one; point every sim endpoint at the same world");
        }
        return worlds.isEmpty() ? datacenter() : worlds.values().iterator().next();
    }

    @Override
    public SimulatedDatacenter datacenter() {
        SimulatedDatacenter current = datacenter;
        if (current == null) {
            throw new IllegalStateException("the simulated hypervisor driver is not active");
        }
        return current;
    }
}

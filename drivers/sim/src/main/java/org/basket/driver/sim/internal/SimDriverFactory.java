package org.basket.driver.sim.internal;

import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.DriverListener;
import org.basket.api.driver.HypervisorDriver;
import org.basket.api.driver.HypervisorDriverFactory;
import org.basket.driver.sim.SimulatedDatacenter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator driver, type {@code sim}: every endpoint it opens is a view of one simulated
 * datacenter, which lives as long as this component. Immediate, so that the simulated world does
 * not vanish when no one holds the service.
 */
@Component(immediate = true,
        service = { HypervisorDriverFactory.class, SimulatorControl.class },
        property = HypervisorDriverFactory.TYPE_PROPERTY + "=" + SimDriverFactory.TYPE)
public class SimDriverFactory implements HypervisorDriverFactory, SimulatorControl {

    static final String TYPE = "sim";

    private static final Logger LOG = LoggerFactory.getLogger(SimDriverFactory.class);

    private volatile SimulatedDatacenter datacenter;

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
        SimulatedDatacenter current = datacenter();
        settings.latency().ifPresent(current::setLatency);
        return new SimEndpoint(config.name(), current, settings, listener);
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

package org.basket.driver.vmware.internal;

import java.util.List;
import java.util.Map;

import org.basket.api.driver.DriverException;
import org.basket.api.driver.HostBinding;
import org.basket.api.driver.HypervisorDriver;

/** What the endpoint tests do around the simulated vCenter: attach every host, close driver and simulator. */
final class VcenterEndpoints {
    private VcenterEndpoints() {
    }

    /** Attaches every host vCenter has, as h0, h1, ... in its order; gives their names in vCenter. */
    static List<String> attachAll(HypervisorDriver driver) throws DriverException {
        List<String> hosts = driver.discoverHosts();
        for (int i = 0; i < hosts.size(); i++) {
            driver.attach(new HostBinding("h" + i, hosts.get(i), Map.of()));
        }
        return hosts;
    }

    /** Closes the driver if it was opened, then the simulator whatever the driver did. */
    static void close(HypervisorDriver driver, VsphereSimulator simulator) throws Exception {
        try {
            if (driver != null) {
                driver.close();
            }
        } finally {
            simulator.close();
        }
    }
}

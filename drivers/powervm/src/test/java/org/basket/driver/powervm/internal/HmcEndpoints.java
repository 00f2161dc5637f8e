package org.basket.driver.powervm.internal;

import java.util.List;
import java.util.Map;

import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.HostBinding;
import org.basket.api.driver.HypervisorDriver;
import org.basket.testsupport.RecordingDriverListener;

/** What the endpoint tests do around the simulated HMC: open a driver on it, close driver and simulator. */
final class HmcEndpoints {
    private HmcEndpoints() {
    }

    /** A driver "hmc" on the simulator with its first {@code attached} managed systems as p0, p1, ... */
    static HypervisorDriver open(HmcSimulator hmc, int attached) throws Exception {
        HypervisorDriver driver = new PowervmDriverFactory().open(new DriverConfig("hmc", "powervm", hmc.endpointKeys()),
                new RecordingDriverListener());
        List<String> systems = hmc.systemNames();
        for (int i = 0; i < attached; i++) {
            driver.attach(new HostBinding("p" + i, systems.get(i), Map.of()));
        }
        return driver;
    }

    /** Closes the driver if it was opened, then the simulator whatever the driver did. */
    static void close(HypervisorDriver driver, HmcSimulator hmc) throws Exception {
        try {
            if (driver != null) {
                driver.close();
            }
        } finally {
            hmc.close();
        }
    }
}

package org.basket.driver.vmware.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.basket.api.driver.DomainInfo;
import org.basket.api.driver.DomainState;
import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.HypervisorDriver;
import org.basket.testsupport.RecordingDriverListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A failed VM is stopped where it failed before it is recovered (the scheduler's rule, as Pacemaker's): the stop of a
 * VM the inventory does not hold is done, and powers nothing off.
 */
class StopOfAnUnknownVmTest {
    private VsphereSimulator simulator;
    private HypervisorDriver driver;
    private List<String> hosts;

    @BeforeEach
    void open() throws Exception {
        simulator = VsphereSimulator.start(2, 2);
        driver = new VmwareDriverFactory().open(new DriverConfig("vc", "vmware", simulator.endpointKeys()),
                new RecordingDriverListener());
        hosts = VcenterEndpoints.attachAll(driver);
    }

    @AfterEach
    void close() throws Exception {
        VcenterEndpoints.close(driver, simulator);
    }

    @Test
    void stoppingAVmThatIsNotThereIsDone() throws Exception {
        driver.stop("h0", "no-such-vm", Duration.ofSeconds(1));
        List<DomainInfo> all = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            all.addAll(driver.domains("h" + i));
        }
        assertTrue(!all.isEmpty() && all.stream().allMatch(d -> d.state() == DomainState.RUNNING), all.toString());
    }
}

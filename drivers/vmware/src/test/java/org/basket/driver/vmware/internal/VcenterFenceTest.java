package org.basket.driver.vmware.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.basket.api.driver.DomainInfo;
import org.basket.api.driver.DomainState;
import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.Fencing;
import org.basket.api.driver.HypervisorDriver;
import org.basket.api.fence.FenceDevice;
import org.basket.api.fence.FenceException;
import org.basket.api.fence.PowerState;
import org.basket.testsupport.RecordingDriverListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fencing through vCenter: the VMs of a host vCenter reaches powered off and confirmed; a host it does not reach refused. */
class VcenterFenceTest {
    private VsphereSimulator simulator;
    private HypervisorDriver driver;
    private List<String> hosts;

    @BeforeEach
    void open() throws Exception {
        simulator = VsphereSimulator.start(2, 4);
        driver = new VmwareDriverFactory().open(new DriverConfig("vc", "vmware", simulator.endpointKeys()), new RecordingDriverListener());
        hosts = VcenterEndpoints.attachAll(driver);
    }

    @AfterEach
    void close() throws Exception {
        VcenterEndpoints.close(driver, simulator);
    }

    @Test
    void powersOffEveryVmOfAReachableHostAndSaysItIsOff() throws Exception {
        String host = driver.domains("h0").isEmpty() ? "h1" : "h0";
        FenceDevice fence = driver.capability(Fencing.class).orElseThrow().fenceDevice(host);
        assertEquals(PowerState.ON, fence.status());
        fence.powerOff();
        assertEquals(PowerState.OFF, fence.status());
        for (DomainInfo vm : driver.domains(host)) {
            assertEquals(DomainState.SHUTOFF, vm.state(), vm.toString());
        }
    }

    @Test
    void aHostVcenterDoesNotReachIsUnknownAndCannotBeFencedThroughIt() throws Exception {
        simulator.control("POST", "host?name=" + hosts.get(1) + "&connection=notResponding");
        FenceDevice fence = driver.capability(Fencing.class).orElseThrow().fenceDevice("h1");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> fence.status() == PowerState.UNKNOWN);
        FenceException e = assertThrows(FenceException.class, fence::powerOff);
        assertEquals("driver 'vc' (" + simulator.url + "): cannot fence host h1 through vCenter: it is notResponding"
                + " (give it a fence level of its own, such as its BMC)", e.getMessage());
    }
}

package org.basket.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import org.basket.api.model.HostState;
import org.junit.Test;

/** Maintenance mode and fencing through the shell of the real distribution. */
public class MaintenanceAndFencingIT extends BasketTestSupport {

    @Test
    public void clusterMaintenanceObservesButDoesNotAct() {
        awaitDemoRunning();
        execute("ha:maintenance on");
        assertTrue(execute("ha:status").startsWith("MAINTENANCE MODE"));
        execute("sim:crash-vm cache");
        await("the crash is seen", () -> status("cache").activeOn().isEmpty());
        sleep(2000);
        assertTrue("nothing restarted in maintenance", status("cache").activeOn().isEmpty());
        execute("ha:maintenance off");
        await("cache runs again", () -> runningOnOneHost("cache"));
    }

    @Test
    public void operatorFencesAHostAndItsVmsAreRecovered() {
        awaitDemoRunning();
        String host = hostOf("db");
        String out = execute("ha:fence " + host);
        assertEquals("Host " + host + " is off, confirmed by sim-bmc:" + host + ".", out.trim());
        await(host + " is offline", () -> cluster.snapshot().state().hostState(host) == HostState.OFFLINE);
        await("db runs elsewhere", () -> runningOnOneHost("db") && !host.equals(hostOf("db")));
        assertNotEquals(host, hostOf("db"));
        assertTrue(execute("sim:status").contains("Double-active violations: none"));
    }
}

package org.basket.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;

import org.basket.api.cluster.EventKind;
import org.basket.api.model.HostState;
import org.junit.Test;

/** A crashed VM is restarted; a host in standby is drained by live migration; nothing ever runs twice. */
public class FailoverIT extends BasketTestSupport {

    @Test
    public void crashedVmIsRestarted() {
        awaitDemoRunning();
        String host = hostOf("cache");
        execute("sim:crash-vm cache");
        await("the crash of cache is seen", () -> status("cache").failCount(host) == 1);
        await("cache runs again", () -> runningOnOneHost("cache"));
        assertEquals("restarted in place, below its migration threshold", host, hostOf("cache"));
        assertNoDoubleActive();
    }

    @Test
    public void standbyDrainsByLiveMigrationAndOnlineBringsItBack() {
        awaitDemoRunning();
        String host = hostOf("db");
        List<String> before = resourcesOn(host);
        String drain = execute("ha:host-standby --wait --timeout 60 " + host);
        assertTrue(drain, drain.contains("Host " + host + " is drained."));
        assertTrue(drain, drain.contains(before.size() + " resource(s) to move"));
        await(host + " is drained", () -> resourcesOn(host).isEmpty() && DEMO_VMS.stream().allMatch(this::runningOnOneHost));
        await("the transition ends", () -> execute("ha:progress").startsWith("No transition in flight."));
        assertEquals("Nothing to cancel.", execute("ha:cancel").trim());
        for (String resource : before) {
            boolean migratable = !resource.equals("batch");
            String expected = migratable ? "migrate " + resource + " from " + host + " to " : "stop " + resource + " on " + host;
            assertTrue(expected + "\n" + recentEvents(), firstEvent(e -> e.kind() == EventKind.ACTION_DONE
                    && e.resource().equals(resource) && e.action().startsWith(expected)) > 0);
        }
        assertTrue(execute("ha:status").contains("standby"));
        assertNoDoubleActive();

        execute("ha:host-online " + host);
        await(host + " is online", () -> cluster.snapshot().state().hostState(host) == HostState.ONLINE);
        sleep(3000);
        assertTrue("resources stay where they are (stickiness): " + resourcesOn(host), resourcesOn(host).isEmpty());
    }

    @Test
    public void unknownHostIsAClearError() {
        try {
            fail("an unknown host is an error, but ha:host-standby printed: " + execute("ha:host-standby node9"));
        } catch (CommandFailed e) {
            assertTrue(e.getMessage(), e.getMessage().contains("unknown host 'node9' (configured: node1, node2, node3)"));
        }
    }

    private List<String> resourcesOn(String host) {
        return cluster.snapshot().state().resources().values().stream().filter(r -> r.activeOn().contains(host))
                .map(r -> r.name()).toList();
    }

    private void assertNoDoubleActive() {
        String sim = execute("sim:status");
        assertTrue("the simulator saw no VM active on two hosts at once:\n" + sim,
                sim.contains("Double-active violations: none"));
    }
}

package org.basket.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.junit.Test;

/** The demo cluster comes up as configured and the operator's commands answer. */
public class DemoClusterIT extends BasketTestSupport {

    @Test
    public void demoClusterRunsWithItsConstraints() {
        awaitDemoRunning();
        assertNotEquals("anti-affinity: app1 and app2 never share a host", hostOf("app1"), hostOf("app2"));
        long dbStarted = firstEvent("start db on " + hostOf("db") + ": done");
        long webStarted = firstEvent("start web on " + hostOf("web") + ": done");
        assertTrue("db started (" + dbStarted + ") before web (" + webStarted + ")",
                dbStarted > 0 && webStarted > dbStarted);
        assertTrue("no configuration problems: " + cluster.snapshot().problems(), cluster.snapshot().problems().isEmpty());
    }

    @Test
    public void statusShowsHostsLoadAndResources() {
        awaitDemoRunning();
        String status = execute("ha:status");
        for (String expected : new String[] {"node1", "node2", "node3", "online", "db", "web", "app1", "app2", "cache",
                "batch", "running", "sim: connected (type sim)"}) {
            assertTrue("ha:status shows " + expected + ":\n" + status, status.contains(expected));
        }
        String json = execute("ha:status --json");
        assertTrue(json, json.trim().startsWith("{\"hosts\":[{\"name\":\"node1\",\"state\":\"online\""));
        assertTrue(json, json.contains("\"name\":\"db\",\"kind\":\"virtual-machine\",\"state\":\"running\""));
        assertTrue(execute("ha:hosts --json").startsWith("[{\"name\":\"node1\""));
        assertTrue(execute("ha:resources").contains("batch"));
    }

    @Test
    public void whereTellsTheChain() {
        awaitDemoRunning();
        assertEquals("db -> " + hostOf("db"), execute("ha:where db").trim());
        assertEquals("{\"resource\":\"web\",\"chain\":[\"web\",\"" + hostOf("web") + "\"]}",
                execute("ha:where --json web").trim());
        try {
            fail("an unknown resource is an error, but ha:where printed: " + execute("ha:where nosuch"));
        } catch (CommandFailed e) {
            assertTrue(e.getMessage(), e.getMessage().contains("unknown resource 'nosuch'"));
        }
    }

    @Test
    public void everyCommandHasHelp() {
        for (String command : new String[] {"status", "where", "hosts", "resources", "events", "host-standby",
                "host-online", "maintenance", "fence", "fence-confirm"}) {
            String help = execute("ha:" + command + " --help");
            assertTrue("help of ha:" + command + ":\n" + help, help.contains("DESCRIPTION") && help.contains("ha:" + command));
        }
    }
}

package org.basket.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.junit.Test;

/** The demo cluster comes up as configured and the operator's commands answer. */
public class DemoClusterIT extends BasketTestSupport {

    @Test
    public void demoClusterRunsWithItsConstraints() {
        awaitDemoRunning();
        assertNotEquals("anti-affinity: app1 and app2 never share a host", hostOf("app1"), hostOf("app2"));
        long dbStarted = firstDone("start db on " + hostOf("db"));
        long webStarted = firstDone("start web on " + hostOf("web"));
        assertTrue("db started (" + dbStarted + ") before web (" + webStarted + ")",
                dbStarted > 0 && webStarted > dbStarted);
        assertTrue("no configuration problems: " + cluster.snapshot().problems(), cluster.snapshot().problems().isEmpty());
        String history = execute("ha:history --resource db");
        assertTrue(history, history.startsWith("History from this manager's journal:")
                && history.lines().anyMatch(l -> l.contains("start db on " + hostOf("db")) && l.contains("succeeded")));
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
        assertTrue(json, json.trim().startsWith("{\"manager\":\"leads alone (embedded)\",\"hosts\":[{\"name\":\"node1\","
                + "\"state\":\"online\""));
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
    public void impactTellsThatARebootLiveMigratesTheDatabaseAndAFailureRestartsIt() {
        awaitDemoRunning();
        String host = hostOf("db");
        String reboot = execute("ha:impact " + host);
        assertTrue("ha:impact " + host + " lists db as live-migrating:\n" + reboot,
                reboot.lines().anyMatch(l -> l.matches("db\\W+live-migrate\\W+" + host + "\\W+node\\d\\W+no outage\\s*")));
        String fail = execute("ha:impact " + host + " --fail");
        assertTrue("ha:impact " + host + " --fail lists db as restarting:\n" + fail,
                fail.lines().anyMatch(l -> l.matches("db\\W+restart\\W+" + host + "\\W+node\\d\\W+host failure: "
                        + host + " is fenced first\\s*")));
        assertEquals("nothing was executed: db still runs on " + host, host, hostOf("db"));
    }

    @Test
    public void vmCreateIsServedAndRefusesAHostThatCannotProvisionBeforeMakingAnything() throws Exception {
        awaitDemoRunning(); // the scheduler chooses among the demo's hosts
        java.nio.file.Files.createDirectories(etc("templates"));
        java.nio.file.Files.writeString(etc("templates").resolve("tiny.xml"), "<domain type='kvm'><name>${name}</name>"
                + "</domain>");
        String refused = assertThrows(CommandFailed.class, () -> execute("ha:vm-create web9 --template tiny"))
                .getMessage();
        assertTrue(refused, refused.matches("ha:vm-create web9 --template tiny: the driver of host node\\d cannot "
                + "allocate disks in storage pools"));
        assertFalse(java.nio.file.Files.exists(etc("org.basket.resource-web9.cfg")));
        assertEquals("ha:vm-delete nosuch: unknown resource 'nosuch'",
                assertThrows(CommandFailed.class, () -> execute("ha:vm-delete nosuch")).getMessage());
    }

    @Test
    public void everyCommandHasHelp() {
        for (String command : new String[] {"status", "where", "hosts", "resources", "events", "host-standby",
                "host-online", "maintenance", "fence", "fence-confirm", "impact", "explain", "tolerance", "simulate",
                "vm-create", "vm-delete", "history"}) {
            String help = execute("ha:" + command + " --help");
            assertTrue("help of ha:" + command + ":\n" + help, help.contains("DESCRIPTION") && help.contains("ha:" + command));
        }
    }
}

package org.basket.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;

import org.basket.api.cluster.ConfigProblem;
import org.junit.Test;

/** Editing etc/ while running changes the cluster; broken files are rejected and change nothing. */
public class ConfigEditIT extends BasketTestSupport {

    @Test
    public void addedVmIsPlacedAndRemovedVmIsStopped() throws Exception {
        awaitDemoRunning();
        writeConfig("org.basket.resource-extra.cfg", "kind = vm", "cpus = 1", "memory.mb = 1024");
        await("extra runs", () -> runningOnOneHost("extra"));
        String host = hostOf("extra");

        Files.delete(etc("org.basket.resource-extra.cfg"));
        await("extra is stopped", () -> !cluster.snapshot().config().resources().containsKey("extra")
                && !execute("sim:status").contains("extra RUNNING"));
        assertTrue(firstDone("stop extra on " + host) > 0);
    }

    @Test
    public void brokenFilesAreRejectedAndTheLastGoodDefinitionStays() throws Exception {
        awaitDemoRunning();
        writeConfig("org.basket.resource-cache.cfg", "kind = vm", "cpus = lots", "memory.mb = 2048");
        awaitProblem("org.basket.resource-cache.cfg", "cpus", "not a whole number: 'lots' (the previous definition stays in force)");
        assertEquals(1, cluster.snapshot().config().resources().get("cache").demand().cpus());
        assertTrue(runningOnOneHost("cache"));

        writeConfig("org.basket.resource-typo.cfg", "kind = vm", "cpu = 2");
        awaitProblem("org.basket.resource-typo.cfg", "cpu", "unknown key");
        assertFalse(cluster.snapshot().config().resources().containsKey("typo"));

        writeConfig("org.basket.host-node4.cfg", "driver = nosuch");
        awaitProblem("org.basket.host-node4.cfg", "driver", "names driver 'nosuch', which is not configured");

        writeConfig("org.basket.constraint-ghost.cfg", "type = anti-affinity", "resource = db", "with = ghost");
        awaitProblem("org.basket.constraint-ghost.cfg", "", "names resource 'ghost', which is not configured");

        String status = execute("ha:status");
        assertTrue(status, status.contains("org.basket.resource-cache.cfg: key 'cpus': not a whole number: 'lots'"));
        assertTrue(status, status.contains("org.basket.constraint-ghost.cfg"));
        assertTrue("nothing else disturbed", DEMO_VMS.stream().allMatch(this::runningOnOneHost));
        assertEquals(3, cluster.snapshot().config().hosts().size());

        writeConfig("org.basket.resource-cache.cfg", "kind = vm", "cpus = 2", "memory.mb = 2048");
        await("the repaired file is in force", () -> cluster.snapshot().config().resources().get("cache").demand().cpus() == 2
                && cluster.snapshot().problems().stream().noneMatch(p -> p.source().equals("org.basket.resource-cache.cfg")));
    }

    @Test
    public void definitionFilesAreReadFromTheFolderAndConfigAdminKeepsNoCopy() throws Exception {
        awaitDemoRunning();
        String listed = execute("config:list '(service.factoryPid=org.basket.driver)'")
                + execute("config:list '(service.factoryPid=org.basket.resource)'");
        assertFalse(listed, listed.contains("org.basket.driver") || listed.contains("org.basket.resource"));
        writeConfig("org.basket.resource-twice.cfg", "cpus = 1", "cpus = 2");
        awaitProblem("org.basket.resource-twice.cfg", "cpus", "set more than once: cpus");
        assertFalse(cluster.snapshot().config().resources().containsKey("twice"));
    }

    private void awaitProblem(String source, String key, String reason) {
        await(source + " is rejected for " + key, () -> cluster.snapshot().problems().stream()
                .anyMatch(p -> matches(p, source, key, reason)));
    }

    private static boolean matches(ConfigProblem problem, String source, String key, String reason) {
        return problem.source().equals(source) && problem.key().equals(key) && problem.reason().contains(reason);
    }
}

package org.basket.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

import org.basket.api.model.HostState;
import org.junit.Test;
import org.osgi.framework.Bundle;

/** The driver bundle comes and goes at run time. */
public class HotDeployIT extends BasketTestSupport {

    @Test
    public void removedDriverLeavesResourcesUnmanagedAndADeployedOneTakesOver() throws Exception {
        awaitDemoRunning();
        simBundle().uninstall();
        await("hosts are unmanaged", () -> cluster.snapshot().state().hosts().values().stream()
                .allMatch(h -> h.state() == HostState.UNMANAGED));
        long before = cluster.events(1).get(0).sequence();
        sleep(3000);
        assertTrue("resources keep their last known place", DEMO_VMS.stream().allMatch(this::runningOnOneHost));
        assertTrue("nothing is started or stopped while unmanaged", cluster.events(200).stream()
                .filter(e -> e.sequence() > before)
                .noneMatch(e -> e.action().startsWith("start ") || e.action().startsWith("stop ")));
        assertTrue(execute("ha:status").contains("running (host unmanaged)"));

        Path deploy = Paths.get(System.getProperty("karaf.base"), "deploy");
        Files.createDirectories(deploy);
        Files.copy(Paths.get(System.getProperty("basket.simJar")), deploy.resolve("basket-driver-sim.jar"),
                StandardCopyOption.REPLACE_EXISTING);
        await("the deployed driver is active", () -> simBundle() != null && simBundle().getState() == Bundle.ACTIVE);
        await("hosts are online again", () -> cluster.snapshot().state().hosts().values().stream()
                .allMatch(h -> h.state() == HostState.ONLINE));
        awaitDemoRunning();
        assertEquals("sim: connected (type sim)", "sim: " + cluster.snapshot().drivers().get("sim"));
    }

    private Bundle simBundle() {
        return Arrays.stream(bundleContext.getBundles()).filter(b -> "basket-driver-sim".equals(b.getSymbolicName()))
                .findFirst().orElse(null);
    }
}

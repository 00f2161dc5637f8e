package org.basket.itests;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.basket.api.model.HostState;
import org.junit.Test;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;

/**
 * The PowerVM driver hot-deployed into the distribution, against the simulated HMC over HTTPS ({@link PowervmTestbed}, in
 * the test's JVM, 3 managed systems with one partition each, the third not activated): the bundle dropped into deploy/, an HMC
 * endpoint with a truststore, its systems as hosts, its partitions adopted where they run and the stopped one started
 * by a PowerOn job; the password shown nowhere; the bundle removed again, its hosts unmanaged.
 */
public class PowervmIT extends BasketTestSupport {
    private static final List<String> LPARS = List.of("lpar0-0", "lpar1-0", "lpar2-0");

    @Override
    @Configuration
    public Option[] config() {
        List<Option> options = new ArrayList<>(Arrays.asList(super.config()));
        PowervmTestbed.properties().forEach((key, value) -> options.add(editConfigurationFilePut("etc/system.properties", key, value)));
        options.add(editConfigurationFilePut("etc/system.properties", "basket.powervmJar", System.getProperty("basket.powervmJar")));
        return options.toArray(new Option[0]);
    }

    @Test
    public void managesTheSystemsAndPartitionsOfAnHmcEndpointHotDeployed() throws Exception {
        awaitDemoRunning();
        Path deployed = Paths.get(System.getProperty("karaf.base"), "deploy", "basket-driver-powervm.jar");
        Files.createDirectories(deployed.getParent());
        Files.copy(Paths.get(System.getProperty("basket.powervmJar")), deployed, StandardCopyOption.REPLACE_EXISTING);
        await("the deployed PowerVM driver is active", () -> powervmBundle() != null && powervmBundle().getState() == Bundle.ACTIVE);

        String password = System.getProperty("hmc.password");
        writeConfig("org.basket.driver-hmc.cfg", "type = powervm", "url = " + System.getProperty("hmc.url"),
                "username = " + System.getProperty("hmc.username"), "password = " + password,
                "truststore = " + System.getProperty("hmc.truststore"),
                "truststore.password = " + System.getProperty("hmc.truststore.password"), "job.poll.ms = 50");
        for (int i = 0; i < 3; i++) {
            writeConfig("org.basket.host-p" + i + ".cfg", "driver = hmc", "address = " + System.getProperty("hmc.system" + i));
        }
        for (String lpar : LPARS) {
            writeConfig("org.basket.resource-" + lpar + ".cfg", "domain = " + lpar, "driver = hmc", "cpus = 1", "memory.mb = 2048");
        }
        await("the HMC's systems are online", () -> List.of("p0", "p1", "p2").stream().allMatch(h ->
                cluster.snapshot().state().hosts().get(h) != null && cluster.snapshot().state().hosts().get(h).state() == HostState.ONLINE));
        await("every partition runs on one system, the stopped one started", () -> LPARS.stream().allMatch(this::runningOnOneHost));
        assertTrue("lpar2-0 was started by Basket: " + recentEvents(), firstStartDone("lpar2-0") > 0);
        String status = execute("ha:status");
        assertTrue(status, status.contains("lpar2-0"));
        assertFalse("the HMC password is shown", status.contains(password) || recentEvents().contains(password));

        powervmBundle().uninstall();
        Files.deleteIfExists(deployed);
        await("the HMC's systems are unmanaged", () -> List.of("p0", "p1", "p2").stream().allMatch(h ->
                cluster.snapshot().state().hosts().get(h).state() == HostState.UNMANAGED));
        assertTrue("partitions keep their last known place", LPARS.stream().allMatch(this::runningOnOneHost));
    }

    private Bundle powervmBundle() {
        return Arrays.stream(bundleContext.getBundles()).filter(b -> "basket-driver-powervm".equals(b.getSymbolicName()))
                .findFirst().orElse(null);
    }
}

package org.basket.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.EventKind;
import org.basket.api.model.HostState;
import org.junit.Test;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;

/**
 * The z/VM driver in the distribution, against the Feilong simulator ({@link ZvmTestbed}): the driver bundle dropped
 * into deploy/, an endpoint of 3 SSI members, each through its connector over TLS with a truststore, and 3 guests beside
 * the demo's simulated hosts and VMs. Adopted where they run; a guest logged off behind Basket's back started again; a
 * member put in standby drained by live guest relocation, its progress in ha:progress; the bundle removed again.
 */
public class ZvmIT extends BasketTestSupport {
    private static final List<String> GUESTS = List.of("g1", "g2", "g3");

    @Override
    @Configuration
    public Option[] config() {
        List<Option> options = new ArrayList<>(Arrays.asList(super.config()));
        ZvmTestbed.properties().forEach((key, value) -> options.add(editConfigurationFilePut("etc/system.properties", key, value)));
        options.add(editConfigurationFilePut("etc/system.properties", "basket.zvmJar", System.getProperty("basket.zvmJar")));
        return options.toArray(new Option[0]);
    }

    @Test
    public void managesTheGuestsOfAZvmSsiCluster() throws Exception {
        awaitDemoRunning();
        Path deployed = Paths.get(System.getProperty("karaf.base"), "deploy", "basket-driver-zvm.jar");
        Files.createDirectories(deployed.getParent());
        Files.copy(Paths.get(System.getProperty("basket.zvmJar")), deployed, StandardCopyOption.REPLACE_EXISTING);
        await("the deployed z/VM driver is active", () -> zvmBundle() != null && zvmBundle().getState() == Bundle.ACTIVE);

        List<String> driver = new ArrayList<>(List.of("type = zvm"));
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("zvm.key.")).sorted()
                .forEach(k -> driver.add(k.substring("zvm.key.".length()) + " = " + System.getProperty(k)));
        writeConfig("org.basket.driver-zvm.cfg", driver.toArray(String[]::new));
        for (int i = 1; i <= 3; i++) {
            writeConfig("org.basket.host-zvm" + i + ".cfg", "driver = zvm", "address = ZVM" + i);
            writeConfig("org.basket.resource-g" + i + ".cfg", "kind = vm", "driver = zvm", "domain = LINUX0" + i,
                    "cpus = 1", "memory.mb = 1024", "migratable = true");
        }
        await("the 3 guests run where they are logged on", PATIENCE, () -> GUESTS.stream().allMatch(g -> runningOnOneHost(g)
                && hostOf(g).equals("zvm" + g.charAt(1))));
        String status = execute("ha:status");
        assertTrue(status, status.contains("zvm: connected (type zvm)"));
        assertTrue("adopted, nothing started, stopped or moved\n" + recentEvents(), actions(0).isEmpty());

        long beforeLogoff = lastSequence();
        control("POST", "logoff?guest=LINUX01");
        await("LINUX01 is logged on again", PATIENCE, () -> !control("GET", "where?guest=LINUX01").equals("none")
                && runningOnOneHost("g1") && actions(beforeLogoff).stream().anyMatch(e -> e.kind() == EventKind.ACTION_DONE
                && e.action().startsWith("start g1 on ")));

        long beforeDrain = lastSequence();
        execute("ha:host-standby zvm2");
        Set<String> progress = ConcurrentHashMap.newKeySet();
        await("zvm2 runs no guest", PATIENCE, () -> {
            cluster.progress().steps().stream().filter(s -> s.action().startsWith("migrate ")).map(s -> s.detail())
                    .filter(d -> !d.isEmpty()).forEach(progress::add);
            return !status("g2").activeOn().contains("zvm2") && runningOnOneHost("g2");
        });
        assertFalse("LINUX02 left ZVM2", control("GET", "where?guest=LINUX02").equals("ZVM2"));
        assertTrue("relocated, not restarted\n" + recentEvents(), actions(beforeDrain).stream()
                .filter(e -> e.resource().equals("g2")).allMatch(e -> e.action().startsWith("migrate g2 from zvm2")));
        assertEquals("one test and one move", "1", control("GET", "calls?kind=" + enc("action live_migrate_vm move")));
        assertTrue("ha:progress showed the relocation: " + progress, progress.stream().anyMatch(p -> p.contains("LINUX02")));
        execute("ha:host-online zvm2");
        await("zvm2 is online", () -> cluster.snapshot().state().hostState("zvm2") == HostState.ONLINE);

        long beforeRemoval = lastSequence();
        Files.delete(deployed);
        await("the z/VM driver is gone", () -> zvmBundle() == null);
        await("the members are unmanaged", () -> List.of("zvm1", "zvm2", "zvm3").stream()
                .allMatch(h -> cluster.snapshot().state().hostState(h) == HostState.UNMANAGED));
        sleep(2000);
        assertTrue("nothing stopped\n" + recentEvents(), actions(beforeRemoval).isEmpty());
        assertTrue("the demo VMs stayed on the simulator's hosts", DEMO_VMS.stream()
                .allMatch(vm -> runningOnOneHost(vm) && hostOf(vm).startsWith("node")));
    }

    private String control(String method, String what) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(System.getProperty("zvm.control") + what)).method(method, HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("zvm control " + what + ": " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("zvm control " + what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private long lastSequence() {
        return cluster.events(1).get(0).sequence();
    }

    /** The actions done or failed on the guests after {@code after}. */
    private List<ClusterEvent> actions(long after) {
        return cluster.events(2000).stream().filter(e -> e.sequence() > after && GUESTS.contains(e.resource())
                && !e.action().isEmpty() && (e.kind() == EventKind.ACTION_DONE || e.kind() == EventKind.ACTION_FAILED
                || e.kind() == EventKind.ACTION_TIMED_OUT)).toList();
    }

    private Bundle zvmBundle() {
        return Arrays.stream(bundleContext.getBundles()).filter(b -> "basket-driver-zvm".equals(b.getSymbolicName()))
                .findFirst().orElse(null);
    }
}

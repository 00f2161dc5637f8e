package org.basket.itests;

import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFileExtend;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.basket.api.model.HostState;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.osgi.framework.Bundle;

/**
 * Boots the distribution with the libvirt driver, for tests on the two real libvirt+QEMU hosts that
 * scripts/libvirt-test-hosts started (lva and lvb): the guest that counts on its serial port defined on each, each
 * fenced by the fence agent that cuts its network namespace.
 */
public abstract class LibvirtTestSupport extends BasketTestSupport {
    @Override
    @Configuration
    public Option[] config() {
        return OptionUtils.combine(super.config(),
                editConfigurationFilePut("etc/system.properties", "basket.libvirtHosts",
                        System.getProperty("basket.libvirtHosts")),
                // installed at boot from the distribution's system/ folder (installing it later would
                // refresh the test probe's bundle)
                editConfigurationFileExtend("etc/org.apache.karaf.features.cfg", "featuresBoot",
                        "basket-driver-libvirt"));
    }

    /** The hosts as this test begins on them (no guest left running by an earlier test), once the driver is active. */
    protected LibvirtHosts libvirtHosts() throws Exception {
        await("the libvirt driver is active", () -> Arrays.stream(bundleContext.getBundles())
                .anyMatch(b -> "basket-driver-libvirt".equals(b.getSymbolicName()) && b.getState() == Bundle.ACTIVE));
        return new LibvirtHosts(System.getProperty("basket.libvirtHosts"));
    }

    /** Defines the counter guest on the host and writes the host's fence device (level 1). */
    protected void defineGuestAndFence(LibvirtHosts hosts, String host) throws Exception {
        virsh(hosts.uri(host), "define", hosts.guestXml().toString());
        writeConfig("org.basket.fence-" + host + ".cfg", "host = " + host, "level = 1",
                "agent = fence_basket_netns", "plug = " + LibvirtHosts.namespace(host), "timeout.ms = 20000");
    }

    protected void awaitHostsOnline(Duration patience) {
        for (String host : LibvirtHosts.NAMES) {
            await(host + " is online", patience, () -> cluster.snapshot().state().hostState(host) == HostState.ONLINE);
        }
    }

    protected static void virsh(String uri, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("virsh", "-q", "-c", uri));
        command.addAll(Arrays.asList(arguments));
        LibvirtHosts.run(command.toArray(String[]::new));
    }
}

package org.basket.driver.vmware.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.basket.api.driver.DomainInfo;
import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.HostBinding;
import org.basket.api.driver.HypervisorDriver;
import org.basket.api.driver.Provisioning;
import org.basket.api.driver.StoragePools;
import org.basket.api.driver.TemplateCloning;
import org.basket.testsupport.RecordingDriverListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The driver's capabilities for ha:vm-create on the simulator's own clone, which completes at once and leaves the clone
 * on the template's host whatever the RelocateSpec says: the driver moves it to the host asked and reconfigures it;
 * UnregisterVM and DeleteDatastoreFile_Task of its folder remove it; a VM is never defined from a definition.
 */
class CloningTest {
    private VsphereSimulator simulator;
    private HypervisorDriver driver;
    private List<String> hosts;
    private String template;

    @BeforeEach
    void open() throws Exception {
        simulator = VsphereSimulator.start(2, 1);
        driver = new VmwareDriverFactory().open(new DriverConfig("vc", "vmware", simulator.endpointKeys()),
                new RecordingDriverListener());
        hosts = driver.discoverHosts();
        List<String> vms = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            driver.attach(new HostBinding("h" + i, hosts.get(i), Map.of()));
            driver.domains("h" + i).stream().map(DomainInfo::name).filter(n -> n.startsWith("DC0")).forEach(vms::add);
        }
        template = vms.get(0);
        markAsTemplate(template);
    }

    private void markAsTemplate(String vm) throws Exception {
        simulator.control("POST", "vm?name=" + vm + "&template=true");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!isTemplateSeen(vm)) { // the driver sees the change through vCenter's updates
            assertTrue(System.nanoTime() < deadline, "the driver did not see " + vm + " become a template");
            Thread.sleep(20);
        }
    }

    private boolean isTemplateSeen(String vm) throws DriverException {
        for (int i = 0; i < hosts.size(); i++) {
            if (driver.domains("h" + i).stream().anyMatch(d -> d.name().equals(vm))) {
                return false;
            }
        }
        return true;
    }

    @AfterEach
    void close() throws Exception {
        VcenterEndpoints.close(driver, simulator);
    }

    @Test
    void aCloneIsMovedToTheHostAskedReconfiguredAndRemovedWithItsFolder() throws Exception {
        String templateHost = simulator.control("GET", "vminfo?name=" + template).replaceFirst(".*host=(\\S+).*", "$1");
        String other = hosts.get(0).equals(templateHost) ? "h1" : "h0";
        String folder = driver.capability(TemplateCloning.class).orElseThrow()
                .cloneTemplate(other, template, "c1", "LocalDS_0", 3, 96, 4L << 20, percent -> { });

        assertEquals("[LocalDS_0] c1", folder);
        assertEquals("cpus=3 memory.mb=96 disk.kb=4096 host=" + hosts.get(Integer.parseInt(other.substring(1)))
                + " files=[LocalDS_0] c1/c1.vmx", simulator.control("GET", "vminfo?name=c1"));
        assertEquals("1", simulator.control("GET", "calls?method=RelocateVM_Task"));
        assertEquals(List.of(folder), driver.capability(StoragePools.class).orElseThrow().disks(other, "c1"));

        driver.capability(Provisioning.class).orElseThrow().undefine(other, "c1");
        assertEquals("none", simulator.control("GET", "vminfo?name=c1"));
        assertEquals("present", file(folder));
        assertTrue(driver.capability(StoragePools.class).orElseThrow().deleteAt(other, folder));
        assertEquals("absent", file(folder));
    }

    @Test
    void badRequestsAreRefusedNamingWhat() throws Exception {
        TemplateCloning cloning = driver.capability(TemplateCloning.class).orElseThrow();
        String unknown = assertThrows(DriverException.class,
                () -> cloning.cloneTemplate("h0", "nothing", "c2", "LocalDS_0", 1, 32, 0, p -> { })).getMessage();
        assertTrue(unknown.endsWith("cloning template nothing to c2 on h0: vCenter has no template 'nothing' (a VM marked "
                + "as template)"), unknown);
        String store = assertThrows(DriverException.class,
                () -> cloning.cloneTemplate("h0", template, "c2", "NoDS", 1, 32, 0, p -> { })).getMessage();
        assertTrue(store.endsWith("host h0 has no datastore 'NoDS' (it has: LocalDS_0)"), store);
        String taken = assertThrows(DriverException.class,
                () -> cloning.cloneTemplate("h0", template, template, "LocalDS_0", 1, 32, 0, p -> { })).getMessage();
        assertTrue(taken.endsWith("vCenter already has a VM '" + template + "'"), taken);
        String defined = assertThrows(DriverException.class,
                () -> driver.capability(Provisioning.class).orElseThrow().define("h0", "<domain/>")).getMessage();
        assertTrue(defined.contains("a vSphere VM is cloned from a template, not defined"), defined);
        String path = assertThrows(DriverException.class,
                () -> driver.capability(StoragePools.class).orElseThrow().deleteAt("h0", "/etc")).getMessage();
        assertTrue(path.endsWith("deleting /etc: not a datastore path of a VM's folder ('[datastore] folder')"), path);
        assertEquals("0", simulator.control("GET", "calls?method=CloneVM_Task"));
    }

    @Test
    void aCloneIsConnectedToTheStandardOrDistributedPortGroupAsked() throws Exception {
        TemplateCloning cloning = driver.capability(TemplateCloning.class).orElseThrow();
        assertEquals("nic=portgroup:DC0_DVPG0 networks=DC0_DVPG0", simulator.control("GET", "nic?name=" + template));

        cloning.cloneTemplate("h0", template, "c3", "LocalDS_0", 1, 32, 0, "VM Network", p -> { });
        assertEquals("nic=network:VM Network networks=VM Network", simulator.control("GET", "nic?name=c3"));
        assertEquals("nic=portgroup:DC0_DVPG0 networks=DC0_DVPG0", simulator.control("GET", "nic?name=" + template));

        markAsTemplate("c3"); // a template on the standard port group, cloned to the distributed one
        cloning.cloneTemplate("h1", "c3", "c4", "LocalDS_0", 1, 32, 0, "DC0_DVPG0", p -> { });
        assertEquals("nic=portgroup:DC0_DVPG0 networks=DC0_DVPG0", simulator.control("GET", "nic?name=c4"));

        cloning.cloneTemplate("h1", "c3", "c5", "LocalDS_0", 1, 32, 0, "", p -> { });
        assertEquals("nic=network:VM Network networks=VM Network", simulator.control("GET", "nic?name=c5"));
    }

    @Test
    void anUnknownNetworkOrATemplateWithoutNetworkCardIsRefusedBeforeCloning() throws Exception {
        TemplateCloning cloning = driver.capability(TemplateCloning.class).orElseThrow();
        String unknown = assertThrows(DriverException.class,
                () -> cloning.cloneTemplate("h0", template, "c6", "LocalDS_0", 1, 32, 0, "lan", p -> { })).getMessage();
        assertTrue(unknown.endsWith("cloning template " + template + " to c6 on h0: host h0 has no network 'lan' "
                + "(it has: VM Network, DC0_DVPG0)"), unknown);

        simulator.control("POST", "vm?name=" + template + "&nics=none");
        String noCard = assertThrows(DriverException.class,
                () -> cloning.cloneTemplate("h0", template, "c6", "LocalDS_0", 1, 32, 0, "VM Network", p -> { }))
                .getMessage();
        assertTrue(noCard.endsWith("template '" + template + "' has no network card to connect to network 'VM Network'"),
                noCard);
        assertEquals("0", simulator.control("GET", "calls?method=CloneVM_Task"));
        assertEquals("none", simulator.control("GET", "vminfo?name=c6"));
    }

    private String file(String path) throws Exception {
        return simulator.control("GET", "datastore-file?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8));
    }
}

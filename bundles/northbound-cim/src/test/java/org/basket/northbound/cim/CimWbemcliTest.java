package org.basket.northbound.cim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.basket.api.cluster.ClusterSnapshot;
import org.basket.api.model.Capacity;
import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.basket.api.model.Host;
import org.basket.api.model.HostState;
import org.basket.api.model.HostStatus;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceKind;
import org.basket.api.model.ResourceStatus;
import org.basket.api.plan.Transition;
import org.basket.testsupport.LogFile;
import org.basket.testsupport.SnapshotCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sblim's wbemcli, a real CIM client, against the server over a cluster of two hosts (node1 online, node2 unclean),
 * two VMs (db running on node1 with the guest service pg, web failed) and a configured user; one test shows web blocked
 * on node1 instead.
 */
class CimWbemcliTest {
    private static final String HOST_CLASS = "Basket_HostComputerSystem";
    private static final String VM_CLASS = "Basket_VirtualComputerSystem";
    private final CimComponent component = new CimComponent();
    private SnapshotCluster cluster;
    private String base;

    @BeforeEach
    void start() {
        Host node1 = new Host("node1", "sim", "", Map.of());
        Host node2 = new Host("node2", "sim", "", Map.of());
        Resource db = Resource.vm("db", new Capacity(1, 512));
        Resource web = Resource.vm("web", new Capacity(1, 512));
        Resource pg = new Resource("pg", ResourceKind.GUEST_SERVICE, "pg", Capacity.NONE, true, 0, true, "db", 3);
        ClusterState state = ClusterState.of(List.of(new HostStatus("node1", HostState.ONLINE, new Capacity(4, 4096)),
                        new HostStatus("node2", HostState.UNCLEAN, new Capacity(4, 4096), "no answer since 10:00")),
                List.of(ResourceStatus.runningOn("db", "node1"), ResourceStatus.runningOn("pg", "node1"),
                        new ResourceStatus("web", List.of(), "node2", Map.of("node2", 1))));
        cluster = new SnapshotCluster(new ClusterSnapshot(ClusterConfig.of(List.of(node1, node2),
                List.of(db, web, pg), List.of()), state, List.of(), Map.of(), Transition.EMPTY));
        component.cluster = cluster;
        component.activate(Map.of("port", "0", "username", "monitor", "password", "s3cret"));
        base = "http://monitor:s3cret@127.0.0.1:" + component.port().orElseThrow() + "/root/virtualization:";
    }

    @AfterEach
    void stop() {
        component.deactivate();
    }

    @Test
    void enumerateInstancesOfComputerSystemGivesTheHostsAndTheVms() throws Exception {
        Wbemcli hosts = Wbemcli.run("ei", base + HOST_CLASS);
        Wbemcli systems = Wbemcli.run("ei", base + "CIM_ComputerSystem");

        assertEquals(0, hosts.exitCode(), hosts.output());
        assertEquals(2, hosts.lines().stream().filter(l -> l.contains(HOST_CLASS + ".")).count(), hosts.output());
        assertTrue(hosts.lines().contains("-OperationalStatus=6,13"), "node2 is in error, lost: " + hosts.output());
        assertTrue(hosts.lines().contains("-StatusDescriptions=\"no answer since 10:00\""), hosts.output());
        assertEquals(4, systems.lines().stream().filter(l -> l.contains("ComputerSystem.")).count(), systems.output());
        assertTrue(systems.output().contains(VM_CLASS + ".CreationClassName=\"" + VM_CLASS + "\",Name=\"web\""),
                systems.output());
    }

    @Test
    void enumerateInstanceNamesAndGetInstanceOfAVm() throws Exception {
        Wbemcli names = Wbemcli.run("ein", base + VM_CLASS);
        Wbemcli db = Wbemcli.run("gi", base + VM_CLASS + ".CreationClassName=\"" + VM_CLASS + "\",Name=\"db\"");

        assertEquals(0, names.exitCode(), names.output());
        assertEquals(2, names.lines().size(), names.output());
        assertEquals(0, db.exitCode(), db.output());
        assertTrue(db.lines().contains("-BasketHost=\"node1\""), db.output());
        assertTrue(db.lines().contains("-EnabledState=2"), db.output());
    }

    @Test
    void associatorsGiveTheVmsOfAHostAndTheServicesOfAVm() throws Exception {
        Wbemcli onNode1 = Wbemcli.run("ai", "-ac", "Basket_HostedDependency", base + HOST_CLASS + ".CreationClassName=\""
                + HOST_CLASS + "\",Name=\"node1\"");
        Wbemcli inDb = Wbemcli.run("ai", "-arc", "Basket_GuestService", base + VM_CLASS + ".CreationClassName=\""
                + VM_CLASS + "\",Name=\"db\"");
        Wbemcli hostOfDb = Wbemcli.run("ain", "-ac", "CIM_HostedDependency", "-arc", "CIM_ComputerSystem", base + VM_CLASS
                + ".CreationClassName=\"" + VM_CLASS + "\",Name=\"db\"");

        assertEquals(0, onNode1.exitCode(), onNode1.output());
        assertEquals(1, onNode1.lines().stream().filter(l -> !l.startsWith("-")).count(), onNode1.output());
        assertTrue(onNode1.output().contains("Name=\"db\""), onNode1.output());
        assertTrue(inDb.output().contains("Name=\"pg\""), inDb.output());
        assertTrue(hostOfDb.output().contains("Name=\"node1\""), hostOfDb.output());
        Wbemcli references = Wbemcli.run("rin", base + HOST_CLASS + ".CreationClassName=\"" + HOST_CLASS + "\",Name=\"node1\"");
        assertEquals(0, references.exitCode(), references.output());
        assertEquals(1, references.lines().size(), "node1 hosts db only: " + references.output());
        assertTrue(references.output().contains("Basket_HostedDependency."), references.output());
    }

    @Test
    void aVmBlockedOnAHostIsInErrorThereWithItsReasonAndHostedByIt() throws Exception {
        ClusterSnapshot before = cluster.snapshot();
        String why = "blocked on node1 (its stop failed and no fence can clear it): no action until ha:cleanup";
        cluster.show(new ClusterSnapshot(before.config(), ClusterState.of(before.state().hosts().values(), List.of(
                ResourceStatus.runningOn("db", "node1"), ResourceStatus.runningOn("pg", "node1"),
                new ResourceStatus("web", List.of(), "node1", Map.of("node1", 1), false, Map.of(), "node1"))),
                List.of(), Map.of(), Transition.EMPTY, Map.of("web", why)));

        Wbemcli web = Wbemcli.run("gi", base + VM_CLASS + ".CreationClassName=\"" + VM_CLASS + "\",Name=\"web\"");
        Wbemcli onNode1 = Wbemcli.run("ain", "-ac", "Basket_HostedDependency", base + HOST_CLASS
                + ".CreationClassName=\"" + HOST_CLASS + "\",Name=\"node1\"");
        Wbemcli db = Wbemcli.run("gi", base + VM_CLASS + ".CreationClassName=\"" + VM_CLASS + "\",Name=\"db\"");

        assertEquals(0, web.exitCode(), web.output());
        assertTrue(web.lines().containsAll(List.of("-BasketState=\"blocked\"", "-BasketBlockedOn=\"node1\"",
                "-BasketHost=\"\"", "-EnabledState=0", "-OperationalStatus=6", "-HealthState=20",
                "-StatusDescriptions=\"" + why + "\"")), "not seen running, it may still run on node1: " + web.output());
        assertEquals(2, onNode1.lines().size(), "db and the blocked web: " + onNode1.output());
        assertTrue(onNode1.output().contains("Name=\"web\""), onNode1.output());
        assertTrue(db.lines().containsAll(List.of("-BasketState=\"running\"", "-OperationalStatus=2")), db.output());
    }

    @Test
    void aWrongPasswordAMissingInstanceAndAWriteAreRefused() throws Exception {
        Wbemcli wrong = Wbemcli.run("ei", base.replace("s3cret", "guess") + HOST_CLASS);
        Wbemcli missing = Wbemcli.run("gi", base + VM_CLASS + ".CreationClassName=\"" + VM_CLASS + "\",Name=\"nope\"");
        Wbemcli delete = Wbemcli.run("di", base + VM_CLASS + ".CreationClassName=\"" + VM_CLASS + "\",Name=\"db\"");
        Wbemcli unknownClass = Wbemcli.run("ei", base + "CIM_Nothing");

        assertNotEquals(0, wrong.exitCode(), wrong.output());
        assertTrue(wrong.output().contains("Invalid username/password"), wrong.output());
        assertTrue(missing.output().contains("CIM_ERR_NOT_FOUND"), missing.output());
        assertTrue(delete.output().contains("CIM_ERR_NOT_SUPPORTED"), delete.output());
        assertTrue(unknownClass.output().contains("CIM_ERR_INVALID_CLASS"), unknownClass.output());
    }

    @Test
    void malformedAndOversizedRequestsGetCimErrors() throws Exception {
        int port = component.port().orElseThrow();

        HttpResponse<String> broken = CimProbe.post(port, "monitor", "s3cret", "EnumerateInstances", "<CIM><MESSAGE");
        HttpResponse<String> entity = CimProbe.post(port, "monitor", "s3cret", "EnumerateInstances",
                "<?xml version=\"1.0\"?><!DOCTYPE CIM [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><CIM>&x;</CIM>");
        HttpResponse<String> huge = CimProbe.post(port, "monitor", "s3cret", "EnumerateInstances", "x".repeat(70_000));
        HttpResponse<String> noCall = CimProbe.post(port, "monitor", "s3cret", "EnumerateInstances",
                "<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"1\" PROTOCOLVERSION=\"1.0\"><SIMPLEREQ/></MESSAGE></CIM>");

        assertEquals(400, broken.statusCode());
        assertEquals(Optional.of("request-not-well-formed"), broken.headers().firstValue("CIMError"));
        assertEquals(400, entity.statusCode(), "a DTD is refused: " + entity.body());
        assertEquals(413, huge.statusCode());
        assertEquals(400, noCall.statusCode());
        assertEquals(Optional.of("request-not-valid"), noCall.headers().firstValue("CIMError"));
    }

    @Test
    void withAKeystoreTheServerSpeaksHttpsThatWbemcliVerifies(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("cim.p12");
        Path certificate = dir.resolve("cim.pem");
        keytool("-genkeypair", "-alias", "cim", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-keypass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "cim", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", certificate.toString());

        component.modified(Map.of("port", "0", "username", "monitor", "password", "s3cret", "keystore", keystore.toString(),
                "keystore.password", "changeit"));

        String https = "https://monitor:s3cret@127.0.0.1:" + component.port().orElseThrow() + "/root/virtualization:";
        Wbemcli names = Wbemcli.run("-cacert", certificate.toString(), "ein", https + HOST_CLASS);
        assertEquals(0, names.exitCode(), names.output());
        assertEquals(2, names.lines().size(), names.output());
        Wbemcli plain = Wbemcli.run("ein", https.replace("https:", "http:") + HOST_CLASS);
        assertNotEquals(0, plain.exitCode(), "plain HTTP is no longer served: " + plain.output());
    }

    private static void keytool(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
    }

    @Test
    void aRefusedFileIsLoggedWithFileAndKeyAndTheServerKeepsItsSettings() throws Exception {
        int port = component.port().orElseThrow();
        Map<String, Object> broken = new HashMap<>();
        broken.put("felix.fileinstall.filename", "file:/opt/basket/etc/org.basket.cim.cfg");
        broken.put("port", "0");
        broken.put("usernme", "other");
        broken.put("max.request.bytes", "12");

        component.modified(broken);

        assertEquals(Optional.of(port), component.port());
        assertEquals(0, Wbemcli.run("ein", base + HOST_CLASS).exitCode(), "the old user still reads");
        assertTrue(LogFile.contains("CIM server: configuration refused, keeping the running settings (http://127.0.0.1:"
                + port + "/root/virtualization): org.basket.cim.cfg: key 'usernme': unknown key"), "file and key logged");
        assertTrue(LogFile.contains("key 'max.request.bytes': "), "every bad key logged");
    }
}

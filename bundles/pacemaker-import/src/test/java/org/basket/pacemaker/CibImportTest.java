package org.basket.pacemaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.basket.api.model.Capacity;
import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.basket.api.model.Constraint;
import org.basket.api.model.HostState;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceKind;
import org.basket.api.model.ResourceStatus;
import org.basket.api.model.Score;
import org.junit.jupiter.api.Test;

/** A CIB written for the project (cibs/vms.xml) in Basket's model: configuration and status. */
class CibImportTest {
    static CibImport load(String name) throws Exception {
        try (InputStream in = CibImportTest.class.getResourceAsStream("/cibs/" + name)) {
            return CibImport.read(in, name);
        }
    }

    @Test
    void virtualDomainsAreVmsWithTheirMetaAttributesAndUtilization() throws Exception {
        CibImport cib = load("vms.xml");
        Resource db = cib.config().resources().get("db");
        assertEquals(ResourceKind.VIRTUAL_MACHINE, db.kind());
        assertEquals("db-vm", db.domain(), "the domain is named after VirtualDomain's config file");
        assertEquals(new Capacity(4, 8192), db.demand());
        assertTrue(db.migratable());
        assertEquals(2, db.migrationThreshold());
        assertEquals(Duration.ofMinutes(10), db.failureTimeout());
        assertEquals(10, db.priority());
        Resource web = cib.config().resources().get("web");
        assertFalse(web.enabled(), "target-role Stopped");
        assertFalse(web.migratable(), "allow-migrate defaults to false in Pacemaker");
        assertEquals(Score.INFINITY, web.migrationThreshold(), "Pacemaker's default threshold is INFINITY");
        assertEquals(ResourceKind.HOST_SERVICE, cib.config().resources().get("app-ip").kind());
        assertEquals(0, cib.stickiness());
        assertTrue(cib.utilization());
        assertEquals(Instant.ofEpochSecond(1767268800), cib.now().orElseThrow());
    }

    @Test
    void primitivesAreRankedInTheOrderOfTheCibAndTheFilesSayIt() throws Exception {
        CibImport cib = read("/agreement/equal-priority-resources-are-placed-in-the-order-of-the-cib.xml", s -> s);
        Map<String, Resource> resources = cib.config().resources();
        assertEquals(List.of(1, 2, 3), List.of(resources.get("zeta").rank(), resources.get("alpha").rank(),
                resources.get("mid").rank()));
        CibImport vms = load("vms.xml");
        assertEquals(Map.of("fence-kvm2", 1), vms.fenceRanks(), "a fence device takes its place among the primitives");
        assertEquals(List.of(2, 3, 4, 5), List.of(vms.config().resources().get("db").rank(),
                vms.config().resources().get("web").rank(), vms.config().resources().get("app-ip").rank(),
                vms.config().resources().get("app-server").rank()), "group members in the group's order");
        String db = EtcFiles.of(vms, "vms.xml").files().get("org.basket.resource-db.cfg");
        assertTrue(db.contains("\npriority = 10\nrank = 2\n"), db);
    }

    @Test
    void aPrimitivesOwnStickinessIsItsOwnAndANegativeOneIsNotImportable() throws Exception {
        String path = "/agreement/own-stickiness-keeps-one-resource-where-the-default-moves-another.xml";
        CibImport cib = read(path, s -> s);
        assertTrue(cib.complete(), () -> cib.unmapped().toString());
        assertEquals(100, cib.config().resources().get("sticky").stickiness());
        assertFalse(cib.config().resources().get("loose").hasOwnStickiness(), "the default's: the manager's");
        CibImport refused = read(path, s -> s.replace("name=\"resource-stickiness\" value=\"100\"",
                "name=\"resource-stickiness\" value=\"-5\""));
        assertEquals(List.of(new Unmapped("primitive", "sticky", "its own resource-stickiness -5: Basket's stickiness is"
                + " 0 to INFINITY")), refused.unmapped());
        CibImport vms = read("/cibs/vms.xml", s -> s.replace("<nvpair id=\"web-role\" name=\"target-role\" value=\"Stopped\"/>",
                "<nvpair id=\"web-role\" name=\"target-role\" value=\"Stopped\"/>"
                        + "<nvpair id=\"web-stickiness\" name=\"resource-stickiness\" value=\"INFINITY\"/>"));
        String web = EtcFiles.of(vms, "vms.xml").files().get("org.basket.resource-web.cfg");
        assertTrue(web.contains("\nstickiness = 1000000\n"), web);
        assertFalse(EtcFiles.of(vms, "vms.xml").files().get("org.basket.resource-db.cfg").contains("stickiness"));
    }

    /** A CIB of the test resources, changed by {@code edit}. */
    private static CibImport read(String path, java.util.function.UnaryOperator<String> edit) throws Exception {
        String text;
        try (InputStream in = CibImportTest.class.getResourceAsStream(path)) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        return CibImport.read(new java.io.ByteArrayInputStream(edit.apply(text).getBytes(
                java.nio.charset.StandardCharsets.UTF_8)), path);
    }

    @Test
    void nodesAreHostsWithAttributesCapacityAndTheLibvirtAddress() throws Exception {
        CibImport cib = load("vms.xml");
        ClusterConfig config = cib.config();
        assertEquals(List.of("kvm1", "kvm2", "kvm3"), List.copyOf(config.hosts().keySet()));
        assertEquals(Map.of("site", "paris"), config.hosts().get("kvm1").attributes());
        assertEquals("qemu+ssh://kvm1/system", config.hosts().get("kvm1").address());
        assertEquals("libvirt", config.hosts().get("kvm1").driver());
        assertEquals(new Capacity(16, 65536), cib.state().hosts().get("kvm1").capacity());
        assertEquals(List.of("ha:host-standby kvm3"), cib.commands());
    }

    @Test
    void constraintsGroupsAndSetsBecomeBasketConstraints() throws Exception {
        List<Constraint> constraints = load("vms.xml").config().constraints();
        assertTrue(constraints.contains(new Constraint.Location("db-prefers-kvm1", "db", "kvm1", 50)));
        assertTrue(constraints.contains(new Constraint.LocationRule("web-not-in-paris", "web", "site",
                Constraint.AttributeOperation.EQ, "paris", Score.MINUS_INFINITY)));
        assertTrue(constraints.contains(new Constraint.Colocation("web-with-db", "web", "db", Score.MINUS_INFINITY)));
        assertTrue(constraints.contains(new Constraint.Order("db-then-web", "db", "web", true)));
        assertTrue(constraints.contains(new Constraint.Order("db-then-app", "db", "app-ip", false)),
                "an order then a group starts its first member");
        assertTrue(constraints.contains(new Constraint.Colocation("app-app-server-with-app-ip", "app-server", "app-ip",
                Score.INFINITY)), "a group's member is placed with the one before it");
        assertTrue(constraints.contains(new Constraint.Order("app-app-ip-then-app-server", "app-ip", "app-server",
                true)), "and starts after it");
        assertTrue(constraints.contains(new Constraint.Colocation("spread-web-with-db", "web", "db",
                Score.MINUS_INFINITY)), "in a colocation set each member is placed relative to the one before it");
    }

    @Test
    void statusIsTheObservedState() throws Exception {
        CibImport cib = load("vms.xml");
        ClusterState state = cib.state();
        assertEquals(HostState.ONLINE, state.hostState("kvm1"));
        assertEquals(HostState.UNCLEAN, state.hostState("kvm2"), "left the membership while expected: fenced");
        assertEquals(HostState.STANDBY, state.hostState("kvm3"));
        assertEquals(List.of("kvm1"), state.resource("db").activeOn());
        assertEquals(List.of("kvm2"), state.resource("app-server").activeOn(), "may still run on the lost node");
        ResourceStatus ip = state.resource("app-ip");
        assertEquals(List.of(), ip.activeOn(), "its recurring monitor found it not running");
        assertEquals("kvm1", ip.failedOn());
        assertEquals(1, ip.failCount("kvm1"));
        assertEquals(Instant.ofEpochSecond(1767268700), ip.lastFailure("kvm1").orElseThrow());
        assertTrue(cib.complete(), () -> cib.unmapped().toString());
        assertEquals(1, cib.fenceDevices().size());
        assertEquals(List.of("kvm2"), cib.fenceDevices().get(0).hosts());
    }

    @Test
    void whatCannotBeMappedIsNamedWithItsIdAndWhy() throws Exception {
        CibImport cib = load("unmappable.xml");
        assertEquals(List.of(
                "<clone id=\"ping-clone\">: a clone: Basket runs each resource once",
                "<rsc_ticket id=\"vm1-needs-ticket\">: a ticket (multi-site): Basket has no tickets",
                "<rsc_location id=\"vm1-on-fast-nodes\">: expression fast-cpu (cpu_mhz gt 3000): Basket's rules compare"
                        + " a host attribute by eq, ne, defined, not_defined"),
                cib.unmapped().stream().map(Unmapped::toString).toList());
        assertEquals(List.of("vm1"), List.copyOf(cib.config().resources().keySet()));
    }

    @Test
    void theDeprecatedRestartTypeRestartIsNamedNotIgnored() throws Exception {
        String cib = """
                <cib><configuration><crm_config/><nodes><node id="1" uname="a"/></nodes><resources>
                <group id="g"><meta_attributes id="gm"><nvpair id="rt" name="restart-type" value="restart"/>
                </meta_attributes><primitive id="r1" class="ocf" provider="pacemaker" type="Dummy"/></group>
                <primitive id="r2" class="ocf" provider="pacemaker" type="Dummy"/></resources><constraints/>
                </configuration><status/></cib>""";
        CibImport read = CibImport.read(new java.io.ByteArrayInputStream(cib.getBytes()), "t");
        assertEquals(List.of("<primitive id=\"r1\">: restart-type=restart (deprecated): it restarts whenever what is"
                + " ordered before it restarts, even through optional orders; Basket restarts a then only through"
                + " mandatory orders"), read.unmapped().stream().map(Unmapped::toString).toList());
    }

    @Test
    void aNodeNeverSeenIsUncleanWhileStartupFencingIsOnAndDownWithoutFencing() throws Exception {
        String cib = """
                <cib><configuration><crm_config><cluster_property_set id="o">%s</cluster_property_set></crm_config>
                <nodes><node id="1" uname="a"/><node id="2" uname="b"/></nodes><resources/><constraints/>
                </configuration><status>
                <node_state id="1" uname="a" in_ccm="true" crmd="online" join="member" expected="member"/>
                </status></cib>""";
        CibImport fencing = CibImport.read(new java.io.ByteArrayInputStream(cib.formatted("").getBytes()), "t");
        assertEquals(HostState.UNCLEAN, fencing.state().hostState("b"));
        CibImport none = CibImport.read(new java.io.ByteArrayInputStream(cib.formatted(
                "<nvpair id=\"s\" name=\"stonith-enabled\" value=\"false\"/>").getBytes()), "t");
        assertEquals(HostState.OFFLINE, none.state().hostState("b"));
    }
}

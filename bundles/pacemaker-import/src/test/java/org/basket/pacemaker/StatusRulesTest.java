package org.basket.pacemaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.basket.api.model.Constraint;
import org.basket.api.model.HostState;
import org.basket.api.model.ResourceStatus;
import org.basket.api.model.Score;
import org.junit.jupiter.api.Test;

/** How a CIB's operation history and options become Basket's observed state and constraints. */
class StatusRulesTest {
    /** Two nodes, node1 up and node2 as {@code node2State}, one Dummy rsc with {@code ops} on node1. */
    private static CibImport cib(String options, String node2State, String ops) throws CibException {
        String xml = """
                <cib><configuration><crm_config><cluster_property_set id="o">%s</cluster_property_set></crm_config>
                <nodes><node id="1" uname="node1"/><node id="2" uname="node2"/></nodes>
                <resources><primitive id="rsc" class="ocf" provider="pacemaker" type="Dummy"/></resources>
                <constraints/></configuration><status>
                <node_state id="1" uname="node1" in_ccm="true" crmd="online" join="member" expected="member">
                <lrm id="1"><lrm_resources><lrm_resource id="rsc" class="ocf" type="Dummy">%s</lrm_resource>
                </lrm_resources></lrm></node_state>
                %s</status></cib>""".formatted(options, ops, node2State);
        return CibImport.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "test");
    }

    private static final String NODE2_UP =
            "<node_state id=\"2\" uname=\"node2\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\"/>";
    private static final String NO_FENCING = "<nvpair id=\"s\" name=\"stonith-enabled\" value=\"false\"/>";

    private static String op(String task, int call, int rc, int interval) {
        return "<lrm_rsc_op id=\"rsc_" + task + "_" + call + "\" operation=\"" + task + "\" call-id=\"" + call
                + "\" rc-code=\"" + rc + "\" op-status=\"0\" interval=\"" + interval + "\"/>";
    }

    @Test
    void historyInCallOrderSaysWhetherItRuns() throws Exception {
        ResourceStatus running = cib("", NODE2_UP, op("monitor", 1, 0, 10000) + op("start", 0, 0, 0)).state()
                .resource("rsc");
        assertEquals(List.of("node1"), running.activeOn());
        ResourceStatus stopped = cib("", NODE2_UP, op("stop", 2, 0, 0) + op("start", 1, 0, 0)).state().resource("rsc");
        assertEquals(List.of(), stopped.activeOn());
    }

    @Test
    void aFailureStandsUntilAStartOrStopSucceedsNotAMonitor() throws Exception {
        ResourceStatus failed = cib("", NODE2_UP, op("start", 1, 0, 0) + op("monitor", 2, 7, 10000)
                + op("monitor", 3, 0, 30000)).state().resource("rsc");
        assertEquals("node1", failed.failedOn());
        ResourceStatus restarted = cib("", NODE2_UP, op("start", 1, 0, 0) + op("monitor", 2, 7, 10000)
                + op("start", 3, 0, 0)).state().resource("rsc");
        assertEquals(List.of("node1"), restarted.activeOn());
        assertEquals("", restarted.failedOn());
    }

    @Test
    void aResourceFailedOnTwoNodesNamesTheFirstAndCountsAsActiveOnTheOtherSoItIsStoppedOnBoth() throws Exception {
        String node2Failed = "<node_state id=\"2\" uname=\"node2\" in_ccm=\"true\" crmd=\"online\" join=\"member\""
                + " expected=\"member\"><lrm id=\"2\"><lrm_resources><lrm_resource id=\"rsc\" class=\"ocf\" type=\"Dummy\">"
                + op("start", 1, 1, 0) + "</lrm_resource></lrm_resources></lrm></node_state>";
        ResourceStatus failed = cib("", node2Failed, op("start", 1, 1, 0)).state().resource("rsc");
        assertEquals("node1", failed.failedOn());
        assertEquals(List.of("node2"), failed.activeOn());
    }

    @Test
    void aMonitorThatExpectedNotRunningAndGotItIsNoFailure() throws Exception {
        String stoppedRoleMonitor = "<lrm_rsc_op id=\"rsc_monitor_20000\" operation=\"monitor\" call-id=\"2\""
                + " rc-code=\"7\" op-status=\"0\" interval=\"20000\" transition-key=\"2:1:7:x\"/>";
        ResourceStatus status = cib("", NODE2_UP, op("monitor", 1, 7, 0) + stoppedRoleMonitor).state().resource("rsc");
        assertEquals("", status.failedOn());
        assertEquals(List.of(), status.activeOn());
    }

    @Test
    void aHardErrorKeepsTheResourceOffThatNodeAndAFatalOneOffEvery() throws Exception {
        ResourceStatus notInstalled = cib("", NODE2_UP, op("monitor", 1, 5, 0)).state().resource("rsc");
        assertEquals(List.of(), notInstalled.activeOn());
        assertEquals(Map.of("node1", Score.INFINITY), notInstalled.failCounts());
        ResourceStatus notConfigured = cib("", NODE2_UP, op("start", 1, 6, 0)).state().resource("rsc");
        assertEquals(Map.of("node1", Score.INFINITY, "node2", Score.INFINITY), notConfigured.failCounts());
    }

    @Test
    void aFailedStopFencesTheNodeOrWithoutFencingBlocksTheResource() throws Exception {
        String ops = op("start", 1, 0, 0) + op("stop", 2, 1, 0);
        CibImport fencing = cib("", NODE2_UP, ops);
        assertEquals(HostState.UNCLEAN, fencing.state().hostState("node1"));
        CibImport none = cib(NO_FENCING, NODE2_UP, ops);
        assertEquals(HostState.ONLINE, none.state().hostState("node1"));
        assertEquals("node1", none.state().resource("rsc").blockedOn(), "blocked where its stop failed");
        assertFalse(none.state().resource("rsc").maintenance(), "blocked, not unmanaged");
        assertEquals("", fencing.state().resource("rsc").blockedOn(), "the fence clears it");
    }

    @Test
    void aNodeCleanlyDownRunsNothingWhateverItsHistory() throws Exception {
        String xml = """
                <cib><configuration><crm_config/><nodes><node id="1" uname="node1"/></nodes>
                <resources><primitive id="rsc" class="ocf" provider="pacemaker" type="Dummy"/></resources>
                <constraints/></configuration><status>
                <node_state id="1" uname="node1" in_ccm="false" crmd="offline" join="down" expected="down">
                <lrm id="1"><lrm_resources><lrm_resource id="rsc" class="ocf" type="Dummy">%s</lrm_resource>
                </lrm_resources></lrm></node_state></status></cib>""".formatted(op("start", 1, 0, 0));
        CibImport cib = CibImport.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "test");
        assertEquals(HostState.OFFLINE, cib.state().hostState("node1"));
        assertEquals(List.of(), cib.state().resource("rsc").activeOn());
    }

    @Test
    void anOptInClusterKeepsEachResourceOffTheNodesNoLocationEnables() throws Exception {
        String xml = """
                <cib><configuration><crm_config><cluster_property_set id="o">
                <nvpair id="sym" name="symmetric-cluster" value="false"/></cluster_property_set></crm_config>
                <nodes><node id="1" uname="node1"/><node id="2" uname="node2"/></nodes>
                <resources><primitive id="rsc" class="ocf" provider="pacemaker" type="Dummy"/></resources>
                <constraints><rsc_location id="rsc-on-node2" rsc="rsc" node="node2" score="0"/></constraints>
                </configuration><status/></cib>""";
        CibImport cib = CibImport.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "test");
        assertTrue(cib.config().constraints().contains(new Constraint.Location("opt-in-rsc-not-node1", "rsc", "node1",
                Score.MINUS_INFINITY)), cib.config().constraints().toString());
        assertEquals(2, cib.config().constraints().size());
    }

    @Test
    void anOnFailOtherThanRestartIsNamedAsUnmapped() throws Exception {
        String xml = """
                <cib><configuration><crm_config/><nodes><node id="1" uname="node1"/></nodes>
                <resources><primitive id="rsc" class="ocf" provider="pacemaker" type="Dummy"><operations>
                <op id="rsc-monitor" name="monitor" interval="10s" on-fail="block"/></operations></primitive></resources>
                <constraints/></configuration><status/></cib>""";
        CibImport cib = CibImport.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "test");
        assertEquals(List.of("<op id=\"rsc-monitor\">: on-fail=block for monitor of rsc: Basket recovers every failure"
                + " by a restart, elsewhere once the threshold is reached"),
                cib.unmapped().stream().map(Unmapped::toString).toList());
    }
}

package org.basket.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.basket.api.cluster.ClusterSnapshot;
import org.basket.api.coordination.Role;
import org.junit.jupiter.api.Test;

class LeadershipTest {
    private static final Instant T = Instant.parse("2026-12-04T12:00:00Z");
    private final Leadership leadership = new Leadership();

    @Test
    void aloneTheManagerLeadsItsOneEpoch() {
        assertEquals(new Leadership.Standing(true, Leadership.ALONE, ClusterSnapshot.ALONE, false), leadership.now());
        assertTrue(leadership.stillLeads(Leadership.ALONE));
        assertFalse(leadership.stillLeads(2));
    }

    @Test
    void withAnEnsembleConfiguredButNoCoordinationRunningItDoesNotAct() {
        leadership.ensemble("zk1:2181,zk2:2181");

        Leadership.Standing standing = leadership.now();

        assertFalse(standing.leads());
        assertTrue(standing.alarming());
        assertEquals("not acting: several managers are configured (ZooKeeper zk1:2181,zk2:2181) but no coordination "
                + "runs: install feature basket-coordination-zookeeper", standing.status());
        assertFalse(leadership.stillLeads(Leadership.ALONE));
    }

    @Test
    void aBoundCoordinationDecidesAndEachActionAsksIt() {
        SettableCoordination coordination = new SettableCoordination(Role.leader(4, T));
        leadership.bind(coordination);

        assertEquals(new Leadership.Standing(true, 4, "manager m1 leads in epoch 4", false), leadership.now());
        assertTrue(leadership.stillLeads(4));
        assertFalse(leadership.stillLeads(3), "an action of an older epoch is never taken");

        coordination.leadsOnly(-1);

        assertEquals(new Leadership.Standing(false, 0, "not acting: manager m1 no longer leads epoch 4 within its lease",
                true), leadership.now(), "a leader by its role whose lease ran out does not act");
        coordination.leadsOnly(4);

        coordination.become(Role.notSure(Role.Doubt.NO_CONTACT, "no answer within the lease", T));

        assertFalse(leadership.now().leads());
        assertTrue(leadership.now().alarming());
        assertEquals("not acting: manager m1 is not sure it leads (NO_CONTACT: no answer within the lease)",
                leadership.now().status());
        assertFalse(leadership.stillLeads(4), "the lease ran out: the action of epoch 4 is not taken");
    }

    @Test
    void anElectedManagerWaitsAndAFollowerObserves() {
        SettableCoordination coordination = new SettableCoordination(Role.elected(5, "", T));
        leadership.bind(coordination);

        assertEquals(new Leadership.Standing(false, 5, "manager m1 is elected in epoch 5 and waits out the previous "
                + "leader's lease before it acts", false), leadership.now());

        coordination.become(Role.follower(5, "m2", T));

        assertEquals("manager m1 follows manager m2 (epoch 5): it observes, the leader acts", leadership.now().status());
        assertFalse(leadership.now().leads());
    }

    @Test
    void unbindingTheCoordinationOfSeveralManagersStopsActing() {
        SettableCoordination coordination = new SettableCoordination(Role.leader(4, T));
        leadership.ensemble("zk1:2181");
        leadership.bind(coordination);
        leadership.unbind(coordination);

        assertFalse(leadership.now().leads());
        assertFalse(leadership.stillLeads(4));
    }
}

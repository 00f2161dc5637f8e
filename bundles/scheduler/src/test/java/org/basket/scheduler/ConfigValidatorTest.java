package org.basket.scheduler;

import static org.basket.scheduler.Cluster.cluster;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.basket.api.model.Constraint;
import org.basket.api.model.Score;
import org.basket.scheduler.ConfigValidator.Problem;
import org.junit.jupiter.api.Test;

class ConfigValidatorTest {
    private final ConfigValidator validator = new ConfigValidator();

    private List<Problem> problems(Cluster cluster) {
        return validator.validate(cluster.config());
    }

    private static Cluster twoVms() {
        return cluster().hosts("node1").vms("a", "b", "c");
    }

    @Test
    void theDemoClusterIsValid() {
        assertEquals(List.of(), problems(DemoClusterTest.demo().guestService("svc", "db-vm")));
    }

    @Test
    void aConstraintNamingAMissingResource() {
        assertEquals(List.of(
                new Problem("a-before-nope", "names resource 'nope', which is not configured"),
                new Problem("ghost@node1=10", "names resource 'ghost', which is not configured")),
                problems(twoVms().location("ghost", "node1", 10).order("a", "nope")));
    }

    @Test
    void aLocationNamingAMissingHost() {
        assertEquals(List.of(new Problem("a@node9=INFINITY", "names host 'node9', which is not configured")),
                problems(twoVms().location("a", "node9", Score.INFINITY)));
    }

    @Test
    void aGuestServiceInAMissingVm() {
        assertEquals(List.of(new Problem("container-svc", "names resource 'vm9', which is not configured")),
                problems(twoVms().guestService("svc", "vm9")));
    }

    @Test
    void aContainerThatIsNotAVirtualMachine() {
        assertEquals(List.of(new Problem("container-inner", "container 'outer' is not a virtual machine")),
                problems(twoVms().guestService("outer", "a").guestService("inner", "outer")));
    }

    @Test
    void anOrderLoopIsReportedOnceNamingItsOrders() {
        assertEquals(List.of(new Problem("a-before-b",
                        "order loop: a -> b -> c -> a (orders a-before-b, b-before-c, c-before-a)",
                        List.of("a-before-b", "b-before-c", "c-before-a"), List.of())),
                problems(twoVms().order("a", "b").order("b", "c").order("c", "a")));
    }

    @Test
    void anOrderOfAResourceAfterItself() {
        assertEquals(List.of(new Problem("a-before-a", "order loop: a -> a (orders a-before-a)")),
                problems(twoVms().order("a", "a")));
    }

    @Test
    void twoSeparateLoopsAreBothReported() {
        Cluster cluster = twoVms().vms("x", "y").order("a", "b").order("b", "a").order("x", "y").order("y", "x");

        assertEquals(List.of(
                new Problem("a-before-b", "order loop: a -> b -> a (orders a-before-b, b-before-a)",
                        List.of("a-before-b", "b-before-a"), List.of()),
                new Problem("x-before-y", "order loop: x -> y -> x (orders x-before-y, y-before-x)",
                        List.of("x-before-y", "y-before-x"), List.of())), problems(cluster));
    }

    @Test
    void aChainWithoutALoopIsValid() {
        assertEquals(List.of(), problems(twoVms().order("a", "b").order("b", "c").order("a", "c")));
    }

    @Test
    void contradictoryColocationsRejectThePositiveOne() {
        assertEquals(List.of(new Problem("a-with-b=INFINITY",
                "'b' and 'a' must both share and never share a host: a-with-b=INFINITY keeps them together, "
                        + "b-with-a=-INFINITY apart",
                List.of("a-with-b=INFINITY", "b-with-a=-INFINITY"), List.of())),
                problems(twoVms().colocation("a", "b", Score.INFINITY).antiAffinity("b", "a")));
    }

    @Test
    void finiteColocationsDoNotContradict() {
        assertEquals(List.of(), problems(twoVms().colocation("a", "b", 500).colocation("a", "b", -500)));
    }

    @Test
    void aResourceColocatedWithItself() {
        for (int score : List.of(Score.INFINITY, Score.MINUS_INFINITY)) {
            Constraint self = new Constraint.Colocation("self", "a", "a", score);

            assertEquals(List.of(new Problem("self", "colocates 'a' with itself")),
                    problems(twoVms().constraint(self)), Score.format(score));
        }
    }
}

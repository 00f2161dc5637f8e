package org.basket.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.basket.api.model.Constraint.AttributeOperation;
import org.junit.jupiter.api.Test;

class PlacementRulesTest {
    private static final Host PARIS = new Host("node1", "kvm", "", Map.of("site", "paris"));
    private static final Host UNLABELLED = new Host("node2", "kvm", "", Map.of());

    @Test
    void eachOperationTestsTheHostAttribute() {
        assertTrue(rule(AttributeOperation.EQ, "paris").matches(PARIS));
        assertFalse(rule(AttributeOperation.EQ, "paris").matches(UNLABELLED));
        assertFalse(rule(AttributeOperation.NE, "paris").matches(PARIS));
        assertTrue(rule(AttributeOperation.NE, "paris").matches(UNLABELLED), "a host without the attribute differs");
        assertTrue(rule(AttributeOperation.EXISTS, "").matches(PARIS));
        assertFalse(rule(AttributeOperation.EXISTS, "").matches(UNLABELLED));
        assertTrue(rule(AttributeOperation.NOT_EXISTS, "").matches(UNLABELLED));
    }

    @Test
    void operationsParseFromTheirWords() {
        assertEquals(AttributeOperation.NOT_EXISTS, AttributeOperation.parse(" Not-Exists "));
        assertEquals("site ne paris", rule(AttributeOperation.NE, "paris").condition());
        assertEquals("site exists", rule(AttributeOperation.EXISTS, "").condition());
        assertThrows(IllegalArgumentException.class, () -> AttributeOperation.parse("like"));
    }

    @Test
    void aColocationSetIsEveryTwoOfItsMembers() {
        Constraint.ColocationSet set = new Constraint.ColocationSet("apart", List.of("a", "b", "c"), Score.MINUS_INFINITY);
        assertEquals(List.of(new Constraint.Colocation("apart", "a", "b", Score.MINUS_INFINITY),
                new Constraint.Colocation("apart", "a", "c", Score.MINUS_INFINITY),
                new Constraint.Colocation("apart", "b", "c", Score.MINUS_INFINITY)), set.pairs());
    }

    @Test
    void aStatusForgetsTheFailuresOfGivenHosts() {
        Instant then = Instant.parse("2026-01-01T12:00:00Z");
        ResourceStatus status = new ResourceStatus("vm1", List.of(), "node2", Map.of("node1", 3, "node2", 1), false,
                Map.of("node1", then, "node2", then));
        ResourceStatus left = status.withoutFailures(List.of("node1"));
        assertEquals(Map.of("node2", 1), left.failCounts());
        assertEquals(Map.of("node2", then), left.lastFailures());
        assertEquals("node2", left.failedOn());
        assertEquals(Map.of(), new ResourceStatus("vm1", List.of(), "", Map.of()).lastFailures());
    }

    @Test
    void aResourceKeepsItsFailureTimeoutThroughItsCopies() {
        Resource vm = Resource.vm("vm1", new Capacity(1, 512)).withFailureTimeout(Duration.ofMinutes(10));
        assertEquals(Duration.ofMinutes(10), vm.withPriority(5).withEnabled(false).withMigratable(false).failureTimeout());
        assertFalse(Resource.vm("vm2", Capacity.NONE).hasFailureTimeout());
        assertThrows(IllegalArgumentException.class, () -> vm.withFailureTimeout(Duration.ofSeconds(-1)));
    }

    private static Constraint.LocationRule rule(AttributeOperation operation, String value) {
        return new Constraint.LocationRule("r", "vm1", "site", operation, value, 100);
    }
}

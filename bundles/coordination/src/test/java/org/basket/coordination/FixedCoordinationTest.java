package org.basket.coordination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.basket.api.coordination.CoordinationException;
import org.basket.api.coordination.Member;
import org.basket.api.coordination.Role;
import org.junit.jupiter.api.Test;

class FixedCoordinationTest {

    @Test
    void embeddedAlwaysLeadsEpochOneWithoutALease() throws CoordinationException {
        FixedCoordination embedded = FixedCoordination.embedded("m1");

        assertEquals(Role.Kind.LEADER, embedded.role().kind());
        assertTrue(embedded.leadsAt(1));
        assertFalse(embedded.leadsAt(2));
        assertEquals(Duration.ZERO, embedded.lease());
        Member me = embedded.members().get(0);
        assertEquals("m1", me.id());
        assertTrue(me.leader());
        assertEquals(1, embedded.members().size());
    }

    @Test
    void aRefusedConfigurationIsNeverSureAndSaysWhy() {
        FixedCoordination refused = FixedCoordination.badConfiguration("m1", "org.basket.coordination.cfg: key 'mode': "
                + "must be embedded or zookeeper: 'zookeper'");

        assertEquals(Role.Doubt.BAD_CONFIGURATION, refused.role().doubt());
        assertFalse(refused.leadsAt(1));
        CoordinationException none = assertThrows(CoordinationException.class, refused::members);
        assertTrue(none.getMessage().endsWith("must be embedded or zookeeper: 'zookeper'"));
    }
}

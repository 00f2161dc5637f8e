package org.basket.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.basket.api.coordination.Coordination;
import org.basket.api.coordination.CoordinationException;
import org.basket.api.coordination.Member;
import org.basket.api.coordination.Role;
import org.basket.api.coordination.RoleListener;
import org.basket.shell.support.CommandRunner;
import org.junit.jupiter.api.Test;

/** ha:managers: this manager's role and every manager of the ensemble, or why they cannot be listed. */
class ManagersCommandTest {
    private static final Instant SINCE = Instant.parse("2026-12-04T12:00:00Z");

    @Test
    void aFollowerListsTheLeaderFirstWithEpochAndSessions() throws Exception {
        Coordination b = coordination("b", Role.follower(3, "a", SINCE), List.of(
                new Member("a", true, Role.Kind.LEADER, 3, SINCE, "0x10"),
                new Member("b", false, Role.Kind.FOLLOWER, 3, SINCE.plusSeconds(5), "0x11")), null);

        List<String> lines = run(b, false).lines().toList();

        assertEquals("This manager: b, FOLLOWER of a in epoch 3 since 2026-12-04T12:00:00Z", lines.get(0));
        assertTrue(lines.get(1).matches("id\\W+leader\\W+role\\W+epoch\\W+since\\W+session\\s*"), lines.get(1));
        assertTrue(lines.get(3).matches("a\\W+\\*\\W+LEADER\\W+3\\W+2026-12-04T12:00:00Z\\W+0x10\\s*"), lines.get(3));
        assertTrue(lines.get(4).matches("b\\W+FOLLOWER\\W+3\\W+2026-12-04T12:00:05Z\\W+0x11\\s*"), lines.get(4));
    }

    @Test
    void jsonGivesTheRoleAndTheManagersTyped() throws Exception {
        Coordination a = coordination("a", Role.leader(3, SINCE), List.of(
                new Member("a", true, Role.Kind.LEADER, 3, SINCE, "0x10")), null);

        assertEquals("{\"self\":\"a\",\"role\":\"LEADER\",\"epoch\":3,\"leader\":\"\",\"doubt\":null,\"detail\":\"\","
                + "\"since\":\"2026-12-04T12:00:00Z\",\"managers\":[{\"id\":\"a\",\"leader\":true,\"role\":\"LEADER\","
                + "\"epoch\":3,\"since\":\"2026-12-04T12:00:00Z\",\"session\":\"0x10\"}],\"managersUnavailable\":null}\n",
                run(a, true));
    }

    @Test
    void aManagerCutOffSaysWhyItIsNotSureAndWhyNoManagerIsListed() throws Exception {
        Coordination c = coordination("c", Role.notSure(Role.Doubt.NO_CONTACT, "no answer from 127.0.0.1:2181 within "
                + "the lease (4000 ms)", SINCE), List.of(), "ensemble 127.0.0.1:2181 unreachable");

        assertEquals("This manager: c, NOT_SURE (NO_CONTACT: no answer from 127.0.0.1:2181 within the lease (4000 ms))"
                + " since 2026-12-04T12:00:00Z\nThe managers cannot be listed: ensemble 127.0.0.1:2181 unreachable\n",
                run(c, false));
    }

    @Test
    void withoutACoordinationServiceTheCommandSaysWhatToInstall() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> CommandRunner.run(new ManagersCommand(), Map.of()));

        assertTrue(e.getMessage().startsWith("no coordination service: install the basket-coordination bundle"));
    }

    private static String run(Coordination coordination, boolean json) throws Exception {
        return CommandRunner.run(new ManagersCommand(), Map.of("coordination", coordination, "json", json));
    }

    private static Coordination coordination(String id, Role role, List<Member> members, String unavailable) {
        return new Coordination() {
            @Override
            public String managerId() {
                return id;
            }

            @Override
            public Role role() {
                return role;
            }

            @Override
            public boolean leadsAt(long epoch) {
                return role.kind() == Role.Kind.LEADER && role.epoch() == epoch;
            }

            @Override
            public Duration lease() {
                return Duration.ofSeconds(4);
            }

            @Override
            public List<Member> members() throws CoordinationException {
                if (unavailable != null) {
                    throw new CoordinationException(unavailable);
                }
                return members;
            }

            @Override
            public void addRoleListener(RoleListener listener) {
            }

            @Override
            public void removeRoleListener(RoleListener listener) {
            }
        };
    }
}

package org.basket.agents.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.basket.api.monitor.AgentStatus;
import org.basket.shell.support.CommandRunner;
import org.junit.jupiter.api.Test;

/** ha:agent-revoke: from the manager alone, whatever state the agent is in. */
class AgentRevokeCommandTest {
    private static final Instant SINCE = Instant.parse("2026-12-04T12:00:00Z");

    private final FakeAgentAdmin admin = new FakeAgentAdmin();

    @Test
    void aConnectedAgentIsRevokedAndItsSessionEnded() throws Exception {
        admin.add(new AgentStatus("web1", true, true, Optional.of(SINCE), "10.0.0.7:51234", "basket-agent 1.0", 2, ""));

        assertEquals("Revoked the certificates of VM web1's agent and ended its session (from 10.0.0.7:51234): it can no "
                + "longer connect\n", run("web1"));
        assertEquals(List.of("web1"), admin.revoked);
    }

    @Test
    void anAgentWithATokenOnlyLosesItsToken() throws Exception {
        admin.add(new AgentStatus("db", false, false, Optional.empty(), "", "", 0, "token issued, expires 2026-12-04T13:00:00Z"));

        assertEquals("Withdrew the unused enrolment tokens of VM db's agent: it can no longer enrol\n", run("db"));
        assertEquals(List.of("db"), admin.revoked);
    }

    @Test
    void aRevokedAgentIsSaidToBeSo() throws Exception {
        admin.add(new AgentStatus("old", false, false, Optional.empty(), "", "", 0, "revoked at 2026-12-01T00:00:00Z"));

        assertEquals("VM old's agent was revoked already; its unused enrolment tokens, if any, are withdrawn\n", run("old"));
    }

    @Test
    void anUnknownAgentIsRefusedNamingTheKnownOnes() {
        admin.add(new AgentStatus("web1", true, false, Optional.empty(), "", "", 0, "enrolled, not connected"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run("wbe1"));

        assertEquals("no agent known for VM 'wbe1': agents are web1", e.getMessage());
        assertEquals(List.of(), admin.revoked);
    }

    private String run(String vm) throws Exception {
        return CommandRunner.run(new AgentRevokeCommand(), Map.of("vm", vm, "admin", admin));
    }
}

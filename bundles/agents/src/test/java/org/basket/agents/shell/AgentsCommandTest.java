package org.basket.agents.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.basket.api.monitor.AgentStatus;
import org.basket.shell.support.CommandRunner;
import org.junit.jupiter.api.Test;

/** ha:agents: a table, or with --json the same agents typed, a session's figures only while it is connected. */
class AgentsCommandTest {
    private static final Instant SINCE = Instant.parse("2026-12-04T12:00:00Z");

    private final FakeAgentAdmin admin = new FakeAgentAdmin()
            .add(new AgentStatus("web1", true, true, Optional.of(SINCE), "10.0.0.7:51234", "basket-agent 1.0", 2, ""))
            .add(new AgentStatus("db", false, false, Optional.empty(), "", "", 0,
                    "token issued, expires 2026-12-04T13:00:00Z \"for db\""));

    @Test
    void jsonListsEveryAgentTyped() throws Exception {
        assertEquals("[{\"vm\":\"web1\",\"state\":\"connected\",\"enrolled\":true,\"connected\":true,"
                + "\"since\":\"2026-12-04T12:00:00Z\",\"address\":\"10.0.0.7:51234\",\"software\":\"basket-agent 1.0\","
                + "\"services\":2,\"detail\":null},"
                + "{\"vm\":\"db\",\"state\":\"token issued\",\"enrolled\":false,\"connected\":false,\"since\":null,"
                + "\"address\":null,\"software\":null,\"services\":null,"
                + "\"detail\":\"token issued, expires 2026-12-04T13:00:00Z \\\"for db\\\"\"}]\n", run(true));
    }

    @Test
    void noAgentIsAnEmptyJsonArray() throws Exception {
        admin.agents.clear();

        assertEquals("[]\n", run(true));
    }

    @Test
    void theTableShowsTheSameAgents() throws Exception {
        List<String> lines = run(false).lines().toList();

        assertTrue(lines.get(0).matches("VM\\W+state\\W+since\\W+address\\W+software\\W+services\\W+detail\\s*"), lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.matches("web1\\W+connected\\W+2026-12-04T12:00:00Z\\W+10\\.0\\.0\\.7:51234\\W+"
                + "basket-agent 1\\.0\\W+2\\W*")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.matches("db\\W+token issued\\W+token issued, expires .*")),
                String.join("\n", lines));
    }

    private String run(boolean json) throws Exception {
        return CommandRunner.run(new AgentsCommand(), Map.of("admin", admin, "json", json));
    }
}

package org.basket.agent.runtime;

import static org.awaitility.Awaitility.await;
import static org.basket.agent.runtime.TestAgents.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.basket.api.monitor.ServiceDefinition;
import org.basket.api.monitor.ServiceHealth;
import org.basket.channel.protocol.CommandResult;
import org.basket.channel.protocol.CommandVerb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent against real services: python3's http.server (process, tcp, http, check_http) and resource-agents' Dummy (ocf). */
class RealServicesTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long INTERVAL_MS = 500;
    private static final String AGENT = "app1";

    @TempDir
    Path dir;

    private ManagerPeer manager;
    private AgentRuntime agent;
    private int port;

    @BeforeEach
    void startManagerAndAgent() throws Exception {
        manager = new ManagerPeer(dir.resolve("manager"));
        agent = TestAgents.start(TestAgents.settings(manager.enrolmentFile(dir.resolve("etc"), AGENT), dir.resolve("state")),
                TestAgents.realMonitors());
        await().atMost(WAIT).until(() -> manager.connected.contains(AGENT));
        port = TestAgents.freePort();
    }

    @AfterEach
    void stopAll() {
        agent.close();
        manager.close();
        TestAgents.killHttpServer(port);
    }

    @Test
    void aKilledWebServerIsReportedWithinAnIntervalAndRunsAgainAfterTheManagersRestart() throws Exception {
        String url = "http://127.0.0.1:" + port + "/";
        List<ServiceDefinition> definitions = List.of(
                TestAgents.httpServerProcess("web", port, dir.resolve("www"), INTERVAL_MS),
                service("web-port", "tcp", INTERVAL_MS, "port", Integer.toString(port)),
                service("web-page", "http", INTERVAL_MS, "url", url, "body.regex", "basket-ok"),
                service("web-plugin", "nagios", INTERVAL_MS, "plugin", "/usr/lib/nagios/plugins/check_http",
                        "args", "-H 127.0.0.1 -p " + port + " -s basket-ok"));

        CommandResult defined = manager.define(AGENT, definitions);
        assertTrue(defined.ok(), defined.detail());
        for (ServiceDefinition definition : definitions) {
            assertNotNull(manager.latest(definition.name()), "checked before the ACK: " + definition.name());
        }
        assertEquals(ServiceHealth.NOT_RUNNING, manager.latest("web").health());

        CommandResult started = manager.command(AGENT, CommandVerb.START, "web");
        assertTrue(started.ok(), started.detail());
        assertTrue(started.detail().startsWith("now OK: "), started.detail());
        await().atMost(WAIT).until(() -> manager.heard("web-port", ServiceHealth.OK) && manager.heard("web-page", ServiceHealth.OK)
                && manager.heard("web-plugin", ServiceHealth.OK));

        manager.changes.clear();
        assertTrue(TestAgents.killHttpServer(port));
        await().atMost(WAIT).until(() -> manager.changedTo("web", ServiceHealth.NOT_RUNNING));
        await().atMost(WAIT).until(() -> manager.changedTo("web-port", ServiceHealth.NOT_RUNNING)
                && manager.changedTo("web-page", ServiceHealth.NOT_RUNNING) && manager.changedTo("web-plugin", ServiceHealth.FAILED));

        manager.changes.clear();
        CommandResult restarted = manager.command(AGENT, CommandVerb.RESTART, "web");
        assertTrue(restarted.ok(), restarted.detail());
        await().atMost(WAIT).until(() -> manager.changedTo("web-port", ServiceHealth.OK) && manager.changedTo("web-page", ServiceHealth.OK));

        CommandResult stopped = manager.command(AGENT, CommandVerb.STOP, "web");
        assertTrue(stopped.ok(), stopped.detail());
        assertTrue(stopped.detail().startsWith("now NOT_RUNNING: "), stopped.detail());
    }

    @Test
    void anOcfDummyThatStopsIsReportedAndRestartedOnTheManagersCommand() throws Exception {
        Path stateFile = dir.resolve("dummy.state");
        ServiceDefinition dummy = service("dummy", "ocf", INTERVAL_MS, "agent", "heartbeat:Dummy",
                "rsctmp", dir.resolve("rsctmp").toString(), "param.state", stateFile.toString());
        assertTrue(manager.define(AGENT, List.of(dummy)).ok());
        assertEquals(ServiceHealth.NOT_RUNNING, manager.latest("dummy").health());

        CommandResult started = manager.command(AGENT, CommandVerb.START, "dummy");
        assertTrue(started.ok(), started.detail());
        await().atMost(WAIT).until(() -> manager.changedTo("dummy", ServiceHealth.OK));

        manager.changes.clear();
        Files.delete(stateFile);
        await().atMost(WAIT).until(() -> manager.changedTo("dummy", ServiceHealth.NOT_RUNNING));

        CommandResult restarted = manager.command(AGENT, CommandVerb.RESTART, "dummy");
        assertTrue(restarted.ok(), restarted.detail());
        assertTrue(Files.exists(stateFile));
        assertEquals(ServiceHealth.OK, manager.latest("dummy").health());

        CommandResult checked = manager.command(AGENT, CommandVerb.CHECK_NOW, "dummy");
        assertTrue(checked.ok(), checked.detail());
        assertTrue(checked.detail().startsWith("OK: "), checked.detail());
        assertTrue(manager.command(AGENT, CommandVerb.STOP, "dummy").ok());
        assertFalse(Files.exists(stateFile));
    }

    @Test
    void aStartThatDoesNotReachRunningIsAFailedAckSayingWhatWasSeen() throws Exception {
        ServiceDefinition never = service("never", "process", INTERVAL_MS, "pattern", "no-such-program-" + port,
                "command", "/bin/true");
        assertTrue(manager.define(AGENT, List.of(never)).ok());

        CommandResult started = manager.command(AGENT, CommandVerb.START, "never");
        assertFalse(started.ok());
        assertTrue(started.detail().contains("start of service 'never'") && started.detail().contains("NOT_RUNNING"),
                started.detail());

        CommandResult unknown = manager.command(AGENT, CommandVerb.RESTART, "ghost");
        assertFalse(unknown.ok());
        assertEquals("no service 'ghost' in this agent's definitions", unknown.detail());
    }
}

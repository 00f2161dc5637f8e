package org.basket.agent.runtime;

import static org.awaitility.Awaitility.await;
import static org.basket.agent.runtime.TestAgents.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.basket.agent.monitors.tcp.TcpMonitor;
import org.basket.api.monitor.CheckResult;
import org.basket.api.monitor.ServiceDefinition;
import org.basket.api.monitor.ServiceHealth;
import org.basket.api.monitor.ServiceMonitor;
import org.basket.channel.protocol.Command;
import org.basket.channel.protocol.CommandResult;
import org.basket.testsupport.LogFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Definitions from the manager: rejected ones, a malformed payload, monitors deployed later, the copy on disk. */
class DefinitionsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String AGENT = "db1";

    @TempDir
    Path dir;

    private ManagerPeer manager;
    private AgentRuntime agent;
    private TcpListener listener;
    private Path enrolFile;

    @BeforeEach
    void startManagerAndListener() throws Exception {
        manager = new ManagerPeer(dir.resolve("manager"));
        enrolFile = manager.enrolmentFile(dir.resolve("etc"), AGENT);
        listener = new TcpListener();
    }

    @AfterEach
    void stopAll() throws Exception {
        if (agent != null) {
            agent.close();
        }
        manager.close();
        listener.close();
    }

    private void startAgent(MonitorRegistry monitors) {
        agent = TestAgents.start(TestAgents.settings(enrolFile, dir.resolve("state"), Duration.ofSeconds(2)), monitors);
    }

    private ServiceDefinition listening(String name) {
        return service(name, "tcp", 200, "port", Integer.toString(listener.port()));
    }

    @Test
    void badDefinitionsAreNamedInTheAckAndReportedUnknownWhileTheOthersRun() throws Exception {
        startAgent(TestAgents.realMonitors());
        await().atMost(WAIT).until(() -> manager.connected.contains(AGENT));

        CommandResult ack = manager.define(AGENT, List.of(listening("db"),
                service("mystery", "snmp", 200, "oid", "1.3.6"),
                service("plugin", "nagios", 200, "plugin", "/usr/lib/nagios/plugins/check_no_such_plugin"),
                service("portless", "tcp", 200)));

        assertTrue(ack.ok(), ack.detail());
        assertTrue(ack.detail().contains("service 'mystery' (type 'snmp'): no monitor of type 'snmp' in this agent"), ack.detail());
        assertTrue(ack.detail().contains("service 'plugin' (nagios): key 'plugin': "
                + "/usr/lib/nagios/plugins/check_no_such_plugin is not an executable file"), ack.detail());
        assertTrue(ack.detail().contains("service 'portless' (tcp): key 'port': missing required key"), ack.detail());
        for (String rejected : List.of("mystery", "plugin", "portless")) {
            assertEquals(ServiceHealth.UNKNOWN, manager.latest(rejected).health());
            assertTrue(manager.latest(rejected).detail().contains("service '" + rejected + "'"), manager.latest(rejected).detail());
        }
        assertEquals(ServiceHealth.OK, manager.latest("db").health());
        assertTrue(LogFile.contains("Service plugin not checked: definition rejected: service 'plugin' (nagios)"));

        int before = manager.results.size();
        await().atMost(WAIT).until(() -> manager.results.stream().skip(before).filter(r -> r.service().equals("db")).count() >= 3);
    }

    @Test
    void aMalformedPayloadIsRefusedAndTheLastGoodDefinitionsStay() throws Exception {
        startAgent(TestAgents.realMonitors());
        await().atMost(WAIT).until(() -> manager.connected.contains(AGENT));
        assertTrue(manager.define(AGENT, List.of(listening("db"))).ok());
        Path saved = dir.resolve("state").resolve(DefinitionStore.FILE_NAME);
        String good = Files.readString(saved);

        CommandResult ack = manager.send(AGENT, Command.updateDefinitions("service.0.name=db\nservice.0.colour=blue\n"));

        assertFalse(ack.ok());
        assertEquals("malformed service definitions, the last good ones stay: service 0 needs a name and a type", ack.detail());
        assertEquals(good, Files.readString(saved));
        assertTrue(LogFile.contains("Malformed service definitions from the manager, the last good ones stay"));
        int before = manager.results.size();
        await().atMost(WAIT).until(() -> manager.results.stream().skip(before).anyMatch(r -> r.service().equals("db")));
    }

    @Test
    void aServiceWaitsForItsMonitorTypeAndIsCheckedOnceItIsDeployed() throws Exception {
        MonitorRegistry monitors = new MonitorRegistry();
        startAgent(monitors);
        await().atMost(WAIT).until(() -> manager.connected.contains(AGENT));

        CommandResult ack = manager.define(AGENT, List.of(listening("db")));
        assertTrue(ack.ok(), ack.detail());
        assertEquals(ServiceHealth.UNKNOWN, manager.latest("db").health());
        assertTrue(manager.latest("db").detail().contains("no monitor of type 'tcp' in this agent (present: none); it waits for one"));

        monitors.add(TcpMonitor.TYPE, new TcpMonitor());
        await().atMost(WAIT).until(() -> manager.changedTo("db", ServiceHealth.OK));

        TcpMonitor gone = (TcpMonitor) monitors.find(TcpMonitor.TYPE).orElseThrow();
        monitors.remove(TcpMonitor.TYPE, gone);
        await().atMost(WAIT).until(() -> manager.changedTo("db", ServiceHealth.UNKNOWN));
    }

    @Test
    void restartedWhileTheManagerIsDownItMonitorsFromDiskAndReportsWhenTheManagerReturns() throws Exception {
        startAgent(TestAgents.realMonitors());
        await().atMost(WAIT).until(() -> manager.connected.contains(AGENT));
        assertTrue(manager.define(AGENT, List.of(listening("db"))).ok());
        agent.close();
        manager.stop();

        startAgent(TestAgents.realMonitors());
        WatchedService db = agent.watcher().find("db").orElseThrow();
        await().atMost(WAIT).until(() -> db.latest() != null && db.latest().health() == ServiceHealth.OK);
        listener.close();
        await().atMost(WAIT).until(() -> db.latest().health() == ServiceHealth.NOT_RUNNING);
        assertFalse(agent.isConnected());

        manager.results.clear();
        manager.restart();
        await().atMost(WAIT).until(() -> manager.heard("db", ServiceHealth.NOT_RUNNING));
    }

    @Test
    void aHangingCheckHoldsOnlyItsOwnService() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch hanging = new CountDownLatch(1);
        MonitorRegistry monitors = TestAgents.realMonitors();
        monitors.add("hang", new ServiceMonitor() {
            @Override
            public String type() {
                return "hang";
            }

            @Override
            public void validate(ServiceDefinition service) {
            }

            @Override
            public CheckResult check(ServiceDefinition service) {
                hanging.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new CheckResult(ServiceHealth.OK, "released");
            }

            @Override
            public void start(ServiceDefinition service) {
            }

            @Override
            public void stop(ServiceDefinition service) {
            }
        });
        startAgent(monitors);
        await().atMost(WAIT).until(() -> manager.connected.contains(AGENT));
        try {
            CommandResult ack = manager.define(AGENT, List.of(listening("db"), service("stuck", "hang", 200)));
            assertTrue(ack.ok(), ack.detail());
            assertTrue(ack.detail().endsWith("first check still running: stuck"), ack.detail());
            hanging.await();
            int before = manager.results.size();
            await().atMost(WAIT).until(() -> manager.results.stream().skip(before).filter(r -> r.service().equals("db")).count() >= 5);
        } finally {
            release.countDown();
        }
    }
}

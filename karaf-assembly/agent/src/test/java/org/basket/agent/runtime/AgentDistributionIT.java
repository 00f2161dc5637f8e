package org.basket.agent.runtime;

import static org.awaitility.Awaitility.await;
import static org.basket.agent.runtime.TestAgents.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.basket.api.monitor.ServiceHealth;
import org.basket.channel.protocol.CommandResult;
import org.basket.channel.protocol.CommandVerb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built agent distribution, twice side by side, as real processes through bin/basket-agent, against a real manager channel. */
class AgentDistributionIT {
    private static final Duration BOOT = Duration.ofSeconds(120);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path ARCHIVE = Path.of(System.getProperty("basket.agent.archive"));

    @TempDir
    Path dir;

    private final List<Process> agents = new ArrayList<>();
    private ManagerPeer manager;
    private int port;

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process agent : agents) {
            agent.destroy();
            if (!agent.waitFor(30, TimeUnit.SECONDS)) {
                agent.destroyForcibly();
            }
        }
        if (manager != null) {
            manager.close();
        }
        TestAgents.killHttpServer(port);
    }

    private Path start(String vm) throws IOException, InterruptedException {
        Path home = Files.createDirectories(dir.resolve(vm));
        Process untar = new ProcessBuilder("tar", "-xzf", ARCHIVE.toString(), "-C", home.toString(), "--strip-components=1")
                .inheritIO().start();
        assertEquals(0, untar.waitFor());
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/basket-agent").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(vm + ".out").toFile());
        builder.environment().put("BASKET_ENROL_CONFIG", manager.enrolmentFile(dir.resolve(vm + "-etc"), vm).toString());
        builder.environment().put("BASKET_AGENT_STATE", dir.resolve(vm + "-state").toString());
        agents.add(builder.start());
        return home;
    }

    private static boolean logged(Path home, String text) throws IOException {
        Path log = home.resolve("data/log/karaf.log");
        return Files.exists(log) && Files.readString(log).contains(text);
    }

    @Test
    void twoAgentsSideBySideEnrolReportAndCarryOutTheManagersCommands() throws Exception {
        manager = new ManagerPeer(dir.resolve("manager"));
        port = TestAgents.freePort();
        Path webVm = start("vm-web");
        Path dummyVm = start("vm-dummy");
        await().atMost(BOOT).until(() -> manager.connected.contains("vm-web") && manager.connected.contains("vm-dummy"));

        CommandResult web = manager.define("vm-web", List.of(TestAgents.httpServerProcess("web", port, dir.resolve("www"), 1_000),
                service("web-port", "tcp", 1_000, "port", Integer.toString(port))));
        assertTrue(web.ok(), web.detail());
        CommandResult dummy = manager.define("vm-dummy", List.of(service("dummy", "ocf", 1_000, "agent", "heartbeat:Dummy",
                "rsctmp", dir.resolve("rsctmp").toString(), "param.state", dir.resolve("dummy.state").toString())));
        assertTrue(dummy.ok(), dummy.detail());
        assertTrue(manager.command("vm-web", CommandVerb.START, "web").ok());
        assertTrue(manager.command("vm-dummy", CommandVerb.START, "dummy").ok());
        await().atMost(WAIT).until(() -> manager.changedTo("web-port", ServiceHealth.OK) && manager.changedTo("dummy", ServiceHealth.OK));

        manager.changes.clear();
        assertTrue(TestAgents.killHttpServer(port));
        await().atMost(WAIT).until(() -> manager.changedTo("web", ServiceHealth.NOT_RUNNING));
        CommandResult restarted = manager.command("vm-web", CommandVerb.RESTART, "web");
        assertTrue(restarted.ok(), restarted.detail());
        await().atMost(WAIT).until(() -> manager.changedTo("web-port", ServiceHealth.OK));
        assertTrue(manager.command("vm-web", CommandVerb.STOP, "web").ok());
        assertTrue(manager.command("vm-dummy", CommandVerb.STOP, "dummy").ok());

        assertTrue(logged(webVm, "Basket agent starting: state in " + dir.resolve("vm-web-state")));
        assertTrue(logged(webVm, "Agent vm-web connected to the manager at 127.0.0.1:" + manager.port()));
        assertTrue(logged(dummyVm, "Service dummy: NOT_RUNNING -> OK"));

        Files.writeString(webVm.resolve("etc/org.basket.agent.cfg"), "heartbeat.interval.ms = soon\n");
        await().atMost(WAIT).until(() -> logged(webVm, "Agent settings rejected, the last good ones stay: org.basket.agent.cfg:"
                + " key 'heartbeat.interval.ms': not a whole number: 'soon'"));
        CommandResult checked = manager.command("vm-web", CommandVerb.CHECK_NOW, "web");
        assertTrue(checked.ok() && checked.detail().startsWith("NOT_RUNNING: "), checked.detail());
    }
}

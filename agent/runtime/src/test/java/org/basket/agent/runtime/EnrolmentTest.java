package org.basket.agent.runtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import org.basket.channel.agent.AgentIdentity;
import org.basket.testsupport.LogFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrolmentTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private ManagerPeer manager;
    private AgentRuntime agent;

    @BeforeEach
    void startManager() throws Exception {
        manager = new ManagerPeer(dir.resolve("manager"));
    }

    @AfterEach
    void stopAll() {
        if (agent != null) {
            agent.close();
        }
        manager.close();
    }

    @Test
    void enrolsOnceThenOpensSessionsWithoutTheToken() throws Exception {
        Path enrolFile = manager.enrolmentFile(dir.resolve("etc"), "web1");
        Path state = dir.resolve("state");
        agent = TestAgents.start(TestAgents.settings(enrolFile, state), TestAgents.realMonitors());

        await().atMost(WAIT).until(() -> manager.connected.contains("web1"));
        assertTrue(AgentIdentity.exists(state));
        String rewritten = Files.readString(enrolFile);
        assertFalse(rewritten.contains("token"), rewritten);
        assertTrue(rewritten.contains("manager=127.0.0.1:" + manager.port()), rewritten);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(enrolFile)));

        agent.close();
        agent = TestAgents.start(TestAgents.settings(enrolFile, state), TestAgents.realMonitors());
        await().atMost(WAIT).until(() -> manager.connected.stream().filter("web1"::equals).count() == 2);
    }

    @Test
    void aRefusedTokenIsLoggedWithTheFileAndRetriedUntilAGoodOneComes() throws Exception {
        Path enrolFile = manager.enrolmentFile(dir.resolve("etc"), "web2", "0badc0de." + "A".repeat(43));
        Path state = dir.resolve("state");
        agent = TestAgents.start(TestAgents.settings(enrolFile, state), TestAgents.realMonitors());

        await().atMost(WAIT).until(() -> !manager.refused.isEmpty());
        await().atMost(WAIT).until(() -> LogFile.contains("enrolment of web2 with the manager at 127.0.0.1:" + manager.port()
                + " (settings from " + enrolFile + ") failed: the manager refused the enrolment: "));
        assertFalse(AgentIdentity.exists(state));

        manager.enrolmentFile(dir.resolve("etc"), "web2");
        await().atMost(WAIT).until(() -> manager.connected.contains("web2"));
    }

    @Test
    void aMissingKeyOrCaIsLoggedNamingTheFileAndTheKey() throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Path enrolFile = etc.resolve("enrol.cfg");
        Files.writeString(enrolFile, "manager=127.0.0.1:" + manager.port() + "\nvm=web3\n");
        agent = TestAgents.start(TestAgents.settings(enrolFile, dir.resolve("state")), TestAgents.realMonitors());

        await().atMost(WAIT).until(() -> LogFile.contains("the enrolment file " + enrolFile + ": key 'token': missing: needed to enrol"));

        Files.writeString(enrolFile, "manager=127.0.0.1:" + manager.port() + "\nvm=web3\ntoken="
                + manager.tokens.issue("web3", Duration.ofMinutes(5)).value() + "\n");
        await().atMost(WAIT).until(() -> LogFile.contains("the manager's CA certificate " + etc.resolve("ca.crt")
                + " (key 'ca' of " + enrolFile + ") does not exist"));

        Files.writeString(etc.resolve("ca.crt"), manager.authority.certificatePem());
        await().atMost(WAIT).until(() -> manager.connected.contains("web3"));
    }
}

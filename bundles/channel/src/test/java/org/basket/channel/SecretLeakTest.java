package org.basket.channel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.basket.channel.agent.AgentEnrolment;
import org.basket.channel.agent.AgentIdentity;
import org.basket.channel.agent.EnrolmentException;
import org.basket.channel.manager.EnrolmentToken;
import org.basket.testsupport.LogFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens and private keys go through enrolment, refusals and logs without ever being written to the log. */
class SecretLeakTest {
    @TempDir
    Path directory;

    @Test
    void noTokenSecretOrPrivateKeyReachesTheLog() throws Exception {
        EnrolmentToken token;
        AgentIdentity identity;
        try (ManagerFixture manager = new ManagerFixture(directory.resolve("manager"))) {
            token = manager.tokens.issue("web1", Duration.ofMinutes(10));
            identity = AgentEnrolment.enrol(manager.enrolment("web1", token.value()), directory.resolve("agent"));
            assertThrows(EnrolmentException.class,
                    () -> AgentEnrolment.enrol(manager.enrolment("web1", token.value()), directory.resolve("again")));
        }
        String secret = token.value().substring(token.id().length() + 1);
        String agentKey = Base64.getEncoder().encodeToString(identity.key().privateKey().getEncoded()).substring(0, 40);
        String caKey = Files.readAllLines(directory.resolve("manager/ca/ca.key")).get(1);
        List<String> log = LogFile.lines();
        assertTrue(log.stream().anyMatch(line -> line.contains("token " + token.id())), "the token's id is logged");
        for (String line : log) {
            assertFalse(line.contains(secret), line);
            assertFalse(line.contains(agentKey), line);
            assertFalse(line.contains(caKey), line);
        }
    }
}

package org.basket.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.basket.channel.agent.AgentEnrolment;
import org.basket.channel.agent.AgentIdentity;
import org.basket.channel.agent.EnrolmentException;
import org.basket.channel.manager.ChannelLimits;
import org.basket.channel.manager.EnrolmentToken;
import org.basket.channel.manager.EnrolmentTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrolmentRateLimitTest {
    @TempDir
    Path directory;

    private ManagerFixture manager;

    @BeforeEach
    void startManager() throws Exception {
        manager = new ManagerFixture(directory.resolve("manager"), ManagerFixture.config(0)
                .withLimits(new ChannelLimits(64, 8, 16 * 1024, 2, Duration.ofMinutes(1), Duration.ofMinutes(5))));
    }

    @AfterEach
    void stopManager() {
        manager.close();
    }

    @Test
    void anAddressThatKeepsGuessingMustWaitEvenWithTheRightToken() throws Exception {
        EnrolmentToken token = manager.tokens.issue("web1", Duration.ofHours(1));
        String unknownId = (token.id().equals("00000000") ? "00000001" : "00000000") + "." + "A".repeat(43);
        String wrongSecret = token.id() + "." + "A".repeat(43);
        for (String guess : new String[] {unknownId, wrongSecret, unknownId}) {
            assertEquals("the manager refused the enrolment: enrolment of 'web1' refused: " + EnrolmentTokens.INVALID,
                    refusal(guess));
        }

        assertEquals("the manager refused the enrolment: too many failed enrolments: retry in 60 s", refusal(token.value()));

        manager.clock.advance(Duration.ofMinutes(1));
        AgentIdentity identity = AgentEnrolment.enrol(manager.enrolment("web1", token.value()), directory.resolve("agent"));
        assertEquals("web1", identity.name());
        assertTrue(manager.events.refused.contains("too many failed enrolments: retry in 60 s"), manager.events.refused.toString());
    }

    private String refusal(String token) {
        return assertThrows(EnrolmentException.class,
                () -> AgentEnrolment.enrol(manager.enrolment("web1", token), directory.resolve("refused"))).getMessage();
    }
}

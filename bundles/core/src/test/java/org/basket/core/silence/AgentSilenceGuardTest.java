package org.basket.core.silence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.basket.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

class AgentSilenceGuardTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));

    private AgentSilenceGuard guard(SilenceAction action, int maxResets) {
        return new AgentSilenceGuard(new SilencePolicy(Duration.ofSeconds(30), Duration.ofMinutes(3), action, maxResets,
                Duration.ofHours(1)), clock);
    }

    @Test
    void anAgentHasItsBootGraceForTheFirstHeartbeat() {
        AgentSilenceGuard guard = guard(SilenceAction.RESET_VM, 5);
        guard.vmStarted("web1");
        clock.advance(Duration.ofSeconds(179));
        assertEquals(SilenceAction.NOTHING, guard.evaluate("web1").action());
        clock.advance(Duration.ofSeconds(1));
        SilenceDecision decision = guard.evaluate("web1");
        assertEquals(SilenceAction.RESET_VM, decision.action());
        assertEquals("agent web1 sent no heartbeat within the boot grace of 180.0 s: reset its VM", decision.reason());
    }

    @Test
    void heartbeatsWithinTheGraceKeepItQuietAndSilenceBeyondAlertsOnce() {
        AgentSilenceGuard guard = guard(SilenceAction.ALERT, 0);
        guard.vmStarted("web1");
        clock.advance(Duration.ofSeconds(10));
        guard.heartbeat("web1");
        clock.advance(Duration.ofMinutes(10));
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(20));
            guard.heartbeat("web1");
            assertEquals(SilenceAction.NOTHING, guard.evaluate("web1").action());
        }
        clock.advance(Duration.ofSeconds(30));
        SilenceDecision alert = guard.evaluate("web1");
        assertEquals(SilenceAction.ALERT, alert.action());
        assertEquals("agent web1 silent for 30.0 s (grace 30.0 s)", alert.reason());
        clock.advance(Duration.ofSeconds(30));
        assertEquals(SilenceAction.NOTHING, guard.evaluate("web1").action(), "one alert per silence");
        guard.heartbeat("web1");
        clock.advance(Duration.ofSeconds(31));
        assertEquals(SilenceAction.ALERT, guard.evaluate("web1").action(), "a new silence alerts again");
    }

    @Test
    void aHeartbeatBeforeTheBootGraceEndsDoesNotShortenIt() {
        AgentSilenceGuard guard = guard(SilenceAction.ALERT, 0);
        guard.vmStarted("web1");
        clock.advance(Duration.ofSeconds(5));
        guard.heartbeat("web1");
        clock.advance(Duration.ofSeconds(60));
        assertEquals(SilenceAction.NOTHING, guard.evaluate("web1").action());
        clock.advance(Duration.ofSeconds(115));
        assertEquals(SilenceAction.ALERT, guard.evaluate("web1").action());
    }

    @Test
    void aResetStartsANewBootGrace() {
        AgentSilenceGuard guard = guard(SilenceAction.RESET_VM, 5);
        guard.vmStarted("web1");
        clock.advance(Duration.ofMinutes(3));
        assertEquals(SilenceAction.RESET_VM, guard.evaluate("web1").action());
        clock.advance(Duration.ofMinutes(2));
        assertEquals(SilenceAction.NOTHING, guard.evaluate("web1").action());
        clock.advance(Duration.ofMinutes(1));
        assertEquals(SilenceAction.RESET_VM, guard.evaluate("web1").action());
    }

    @Test
    void resetsBeyondTheBudgetInTheWindowBecomeOneAlertEachUntilTheWindowSlides() {
        AgentSilenceGuard guard = guard(SilenceAction.RESET_VM, 2);
        for (String agent : new String[] {"a", "b", "c", "d"}) {
            guard.vmStarted(agent);
        }
        clock.advance(Duration.ofMinutes(3));
        assertEquals(SilenceAction.RESET_VM, guard.evaluate("a").action());
        assertEquals(SilenceAction.RESET_VM, guard.evaluate("b").action());
        SilenceDecision held = guard.evaluate("c");
        assertEquals(SilenceAction.ALERT, held.action());
        assertTrue(held.reason().endsWith("not resetting its VM: 2 reset(s) in the last 3600.0 s"), held.reason());
        assertEquals(SilenceAction.ALERT, guard.evaluate("d").action());
        clock.advance(Duration.ofMinutes(10));
        assertEquals(SilenceAction.NOTHING, guard.evaluate("c").action(), "already alerted, budget still spent");
        clock.advance(Duration.ofMinutes(50));
        assertEquals(SilenceAction.RESET_VM, guard.evaluate("c").action(), "the first resets left the window");
        assertEquals(SilenceAction.RESET_VM, guard.evaluate("d").action());
    }

    @Test
    void aStoppedOrUnknownVmIsNeverActedOn() {
        AgentSilenceGuard guard = guard(SilenceAction.RESET_VM, 5);
        guard.vmStarted("web1");
        guard.vmStopped("web1");
        clock.advance(Duration.ofHours(2));
        assertEquals(SilenceAction.NOTHING, guard.evaluate("web1").action());
        guard.heartbeat("ghost");
        assertEquals(SilenceAction.NOTHING, guard.evaluate("ghost").action());
    }
}

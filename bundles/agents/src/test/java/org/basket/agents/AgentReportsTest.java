package org.basket.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.basket.api.monitor.CheckResult;
import org.basket.api.monitor.ServiceHealth;
import org.basket.channel.manager.SessionInfo;
import org.basket.channel.protocol.MonitorResult;
import org.basket.channel.protocol.StateChange;
import org.basket.testsupport.LogFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What one agent can make the manager hold is bounded, whatever it sends. */
class AgentReportsTest {
    private static final String HUGE = "x".repeat(900 * 1024);

    private final AgentReports reports = new AgentReports(Clock.systemUTC(), () -> { });

    @BeforeEach
    void connect() {
        reports.agentConnected(new SessionInfo("web1", "127.0.0.1:4000", Instant.now(), BigInteger.ONE, "hostile"));
    }

    @Test
    void aThousandResultsOf900KbAreKeptForAtMostTheServiceLimitAndCut() throws IOException {
        for (int i = 0; i < 1000; i++) {
            reports.monitorResult("web1", new MonitorResult("service-" + i, ServiceHealth.FAILED, HUGE, Instant.now()));
        }

        Map<String, CheckResult> kept = reports.services("web1").orElseThrow();
        assertEquals(AgentReports.MAX_SERVICES, kept.size());
        long characters = kept.values().stream().mapToLong(result -> result.message().length()).sum();
        assertTrue(characters < AgentReports.MAX_SERVICES * (AgentReports.MAX_DETAIL_CHARS + 64L),
                "at most about 1 MiB of text held, not " + characters + " characters");
        assertTrue(kept.get("service-0").message().endsWith(" [cut from 921600 characters]"));
        assertEquals(ServiceHealth.FAILED, kept.get("service-0").health(), "the verdict stays whole");
        String log = String.join("\n", LogFile.lines());
        assertTrue(log.contains("Agent web1: result of 'service-0' cut from 921600 to 4096 characters"), "logged");
        assertTrue(log.contains("Agent web1: result of 'service-256' refused: results of 256 services are kept at most"),
                "logged");
    }

    @Test
    void onceDefinedOnlyTheDefinedServicesResultsAreKept() throws IOException {
        reports.defining("web1", List.of("nginx"));
        reports.monitorResult("web1", new MonitorResult("nginx", ServiceHealth.OK, "running", Instant.now()));
        reports.defined("web1", List.of("nginx"));

        reports.monitorResult("web1", new MonitorResult("intruder", ServiceHealth.OK, "", Instant.now()));
        reports.stateChanged("web1", new StateChange("other", ServiceHealth.OK, ServiceHealth.FAILED, HUGE, Instant.now()));

        assertEquals(Map.of("nginx", new CheckResult(ServiceHealth.OK, "running")), reports.services("web1").orElseThrow());
        assertEquals(1, reports.reportedServices("web1"));
        assertTrue(LogFile.contains("Agent web1: result of 'intruder' refused: not a service it was given"));
    }
}

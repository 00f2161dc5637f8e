package org.basket.agent.monitors.systemd;

import static org.basket.agent.monitors.Definitions.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.basket.api.monitor.CheckResult;
import org.basket.api.monitor.ServiceDefinition;
import org.basket.api.monitor.ServiceHealth;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the monitor's systemctl command contract (verbs, unit argument, state words, exit codes),
 * not systemd: systemd cannot run in this build container (PID 1 is not systemd, {@code systemd --user}
 * exits at once and {@code systemd --system} refuses to run when not PID 1). The contract is exercised
 * through a real script, systemctl-stand-in.sh, that keeps unit states in files; one test runs the real
 * /bin/systemctl, which here reports that systemd is not running.
 */
class SystemdMonitorTest {

    @TempDir
    Path dir;

    private final SystemdMonitor monitor = new SystemdMonitor();
    private Path systemctl;

    @BeforeEach
    void installStandIn() throws IOException {
        systemctl = dir.resolve("systemctl");
        try (InputStream script = getClass().getResourceAsStream("systemctl-stand-in.sh")) {
            Files.copy(script, systemctl);
        }
        Files.setPosixFilePermissions(systemctl, PosixFilePermissions.fromString("rwx------"));
    }

    private ServiceDefinition unit(String unit) {
        return service("web", "systemd", "unit", unit, "systemctl", systemctl.toString());
    }

    @Test
    void startCheckStopRestartThroughSystemctl() throws IOException {
        ServiceDefinition web = unit("nginx.service");
        assertEquals(ServiceHealth.NOT_RUNNING, monitor.check(web).health());

        monitor.start(web);
        CheckResult running = monitor.check(web);
        assertEquals(ServiceHealth.OK, running.health());
        assertEquals("unit nginx.service is active", running.message());

        monitor.stop(web);
        assertEquals(ServiceHealth.NOT_RUNNING, monitor.check(web).health());
        monitor.restart(web);
        assertEquals(ServiceHealth.OK, monitor.check(web).health());
    }

    @Test
    void aUnitThatFailsToStartIsFailedAndTheErrorIsReported() throws IOException {
        Files.createDirectories(dir.resolve("units"));
        Files.createFile(dir.resolve("units/db.service.broken"));
        ServiceDefinition db = unit("db.service");

        IOException e = assertThrows(IOException.class, () -> monitor.start(db));
        assertEquals("service 'web' (systemd): systemctl start db.service exited with 1: "
                + "Job for db.service failed because the control process exited with error code.", e.getMessage());
        assertEquals(ServiceHealth.FAILED, monitor.check(db).health());
    }

    @Test
    void transitionalStatesAreWarnings() throws IOException {
        Files.createDirectories(dir.resolve("units"));
        Files.writeString(dir.resolve("units/app.service"), "activating\n");

        assertEquals(ServiceHealth.WARNING, monitor.check(unit("app.service")).health());
    }

    @Test
    void theRealSystemctlWithoutSystemdGivesUnknownWithItsReason() {
        CheckResult result = monitor.check(service("web", "systemd", "unit", "ssh.service"));

        assertEquals(ServiceHealth.UNKNOWN, result.health());
        assertTrue(result.message().contains("System has not been booted with systemd"), result.message());
    }

    @Test
    void validationNamesTheBadParameter() {
        assertEquals("service 'web' (systemd): key 'unit': missing required key", assertThrows(
                IllegalArgumentException.class, () -> monitor.validate(service("web", "systemd"))).getMessage());
        IllegalArgumentException option = assertThrows(IllegalArgumentException.class,
                () -> monitor.validate(unit("--now")));
        assertEquals("service 'web' (systemd): key 'unit': not a systemd unit name: '--now'", option.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> monitor.validate(service("web", "systemd", "unit", "a.service", "systemctl", "/nonexistent/systemctl")));
        assertEquals("service 'web' (systemd): key 'systemctl': /nonexistent/systemctl is not an executable file",
                missing.getMessage());
    }
}

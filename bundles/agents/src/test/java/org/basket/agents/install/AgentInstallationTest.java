package org.basket.agents.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.basket.agents.AgentStates;
import org.basket.agents.InstalledAgents;
import org.basket.api.monitor.AgentStatus;
import org.basket.installer.AgentInstaller;
import org.basket.installer.HostKeyPolicy;
import org.basket.installer.InstallProgressListener;
import org.basket.installer.InstallStep;
import org.basket.installer.OpenSshServer;
import org.basket.installer.SshTarget;
import org.basket.installer.TestArchives;
import org.basket.testsupport.LogFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ha:agent-install and ha:agent-uninstall against a real OpenSSH server on loopback, into a throwaway
 * root. systemd cannot run here (and never runs for a staging root), so the install script does not
 * start the agent: this test plays systemd's part, starting an in-process agent from the enrol.cfg and
 * CA certificate the script wrote, once the script has run.
 */
class AgentInstallationTest {
    private static final List<String> VMS = List.of("db", "web1");

    @TempDir
    static Path serverDirectory;
    private static OpenSshServer server;

    @TempDir
    Path work;
    private InstalledAgents agents;
    private Path root;
    private Path archive;
    private AgentInstallation installation;
    private final List<String> lines = new ArrayList<>();

    @BeforeAll
    static void startServer() throws Exception {
        server = OpenSshServer.start(serverDirectory);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void prepare() throws Exception {
        agents = new InstalledAgents(work.resolve("manager"));
        root = Files.createDirectory(work.resolve("guest-root"));
        archive = TestArchives.agentArchive(work.resolve("archive"));
        installation = new AgentInstallation(agents.gateway(), agents.gateway(),
                new AgentInstaller(Duration.ofSeconds(10), Duration.ofSeconds(60)), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        agents.close();
    }

    @Test
    void installsTheAgentAndWaitsUntilItConnected() throws Exception {
        InstallProgressListener systemd = new PrintingProgress() {
            @Override
            public void finished(InstallStep step, String detail) {
                super.finished(step, detail);
                if (step == InstallStep.RUN_SCRIPT) {
                    agents.startFromInstalledFiles(root);
                }
            }
        };

        installation.install(options(Optional.of(Duration.ofSeconds(30))), VMS, systemd);

        AgentStatus status = agents.gateway().agent("web1").orElseThrow();
        assertTrue(status.connected(), status.toString());
        assertEquals(agents.gateway().caCertificatePem(), Files.readString(root.resolve("etc/basket-agent/ca.crt")));
        assertTrue(printed("finished WAIT_READY"), lines.toString());
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("finished RUN_SCRIPT") && line.contains("did NOT start")), lines.toString());
    }

    @Test
    void withoutWaitingTheTokenIsLeftIssued() throws Exception {
        installation.install(options(Optional.empty()), VMS, new PrintingProgress());

        assertFalse(printed("started WAIT_READY"), lines.toString());
        assertTrue(printed("finished RUN_SCRIPT"), lines.toString());
        assertEquals(AgentStates.TOKEN_ISSUED, AgentStates.of(agents.gateway().agent("web1").orElseThrow()));
        assertTrue(Files.readString(root.resolve("etc/basket-agent/enrol.cfg")).contains("manager=" + agents.address() + "\n"));
        String token = Files.readString(root.resolve("etc/basket-agent/enrol.cfg")).lines()
                .filter(line -> line.startsWith("token=")).findFirst().orElseThrow().substring("token=".length());
        assertTrue(LogFile.contains("Issued enrolment token " + token.substring(0, 8)), "the log is the one written");
        assertFalse(LogFile.contains(token), "the token's secret is never logged");
        assertFalse(lines.toString().contains(token), "nor printed");
    }

    @Test
    void uninstallRemovesTheFilesAndRevokesTheCertificate() throws Exception {
        installation.install(options(Optional.empty()), VMS, new PrintingProgress());
        agents.startFromInstalledFiles(root);
        List<String> said = new ArrayList<>();

        installation.uninstall("web1", target(), root.toString(), VMS, new PrintingProgress(), said::add);

        assertEquals(List.of(), listRecursively(root));
        assertEquals(List.of("Revoked the certificate of VM web1's agent: it can no longer connect"), said);
        assertEquals(AgentStates.REVOKED, AgentStates.of(agents.gateway().agent("web1").orElseThrow()));
        assertFalse(agents.gateway().serves("web1"));
    }

    @Test
    void uninstallingAnAgentThatNeverEnrolledWithdrawsItsToken() throws Exception {
        installation.install(options(Optional.empty()), VMS, new PrintingProgress());
        Path kept = Files.createDirectories(work.resolve("kept/etc/basket-agent"));
        for (String file : List.of("enrol.cfg", "ca.crt")) {
            Files.copy(root.resolve("etc/basket-agent").resolve(file), kept.resolve(file));
        }
        List<String> said = new ArrayList<>();

        installation.uninstall("web1", target(), root.toString(), VMS, new PrintingProgress(), said::add);

        assertEquals(List.of("Withdrew the unused enrolment token of VM web1's agent: it can no longer enrol"), said);
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> agents.startFromInstalledFiles(work.resolve("kept")));
        assertTrue(refused.getMessage().contains("invalid enrolment token"), refused.getMessage());
    }

    @Test
    void anUnknownVmIsRefusedNamingTheConfiguredOnes() {
        InstallOptions options = new InstallOptions("mail", target(), root.toString(), archive, Optional.of(agents.address()),
                Optional.empty());

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> installation.install(options, VMS, new PrintingProgress()));

        assertEquals("unknown VM 'mail': configured VMs are db, web1", error.getMessage());
        assertEquals(List.of(), lines, "nothing was attempted");
    }

    @Test
    void aTokenByHandIsForAConfiguredVmOnlyAndComesWithTheCaCertificate() throws Exception {
        ManualEnrolment manual = installation.enrolByHand("web1", VMS);

        assertEquals("web1", manual.enrolment().vm());
        assertEquals(agents.gateway().caCertificatePem(), manual.caCertificatePem());
        assertTrue(manual.enrolment().token().matches("[0-9a-f]{8}\\.[A-Za-z0-9_-]{43}"));
        assertEquals("unknown VM 'mail': configured VMs are db, web1",
                assertThrows(IllegalArgumentException.class, () -> installation.enrolByHand("mail", VMS)).getMessage());
    }

    @Test
    void aMissingArchiveSaysWhereItLookedAndHowToNameAnother() {
        Path missing = work.resolve("karaf/agent/basket-agent.tar.gz");
        InstallOptions options = new InstallOptions("web1", target(), root.toString(), missing, Optional.empty(), Optional.empty());

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> installation.install(options, VMS, new PrintingProgress()));

        assertEquals("no agent archive at " + missing + " (looked there for VM web1; --archive FILE names another)", error.getMessage());
        assertEquals(Optional.empty(), agents.gateway().agent("web1"), "no token was issued");
    }

    private boolean printed(String prefix) {
        return lines.stream().anyMatch(line -> line.startsWith(prefix));
    }

    private InstallOptions options(Optional<Duration> wait) {
        return new InstallOptions("web1", target(), root.toString(), archive, Optional.of(agents.address()), wait);
    }

    private SshTarget target() {
        try {
            return new SshTarget(System.getProperty("user.name"), "127.0.0.1", server.port(), Optional.of(server.clientKey()),
                    HostKeyPolicy.pinned(server.hostKeyFingerprint()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> listRecursively(Path directory) throws Exception {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(file -> !file.equals(directory)).toList();
        }
    }

    private class PrintingProgress implements InstallProgressListener {
        @Override
        public void started(InstallStep step, String detail) {
            lines.add("started " + step + ": " + detail);
        }

        @Override
        public void finished(InstallStep step, String detail) {
            lines.add("finished " + step + (detail.isBlank() ? "" : ": " + detail));
        }
    }
}

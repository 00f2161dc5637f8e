package org.basket.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.basket.testsupport.LogFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installer against a real OpenSSH server on loopback, installing into a throwaway root directory. */
class AgentInstallerTest {

    private static final String USER = System.getProperty("user.name");

    @TempDir
    static Path serverDirectory;
    private static OpenSshServer server;

    @TempDir
    Path work;
    private Path root;
    private Path archive;
    private Path knownHosts;
    private final String token = "enrol-" + UUID.randomUUID();
    private final AgentInstaller installer = new AgentInstaller(Duration.ofSeconds(10), Duration.ofSeconds(60));

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
        root = Files.createDirectory(work.resolve("guest-root"));
        archive = TestArchives.agentArchive(work.resolve("archive"));
        knownHosts = Files.writeString(work.resolve("known_hosts"), server.knownHostsLine());
    }

    @Test
    void installsIntoTheRootDirectoryAndWaitsUntilReady() throws Exception {
        RecordingListener progress = new RecordingListener();
        Path enrolConfig = root.resolve("etc/basket-agent/enrol.cfg");
        ReadinessWait wait = new ReadinessWait(() -> Files.exists(enrolConfig), Duration.ofSeconds(5), Duration.ofMillis(50));

        installer.install(request(target(HostKeyPolicy.knownHosts(knownHosts)), archive, Optional.of(wait)), progress);

        assertEquals("manager=manager.example:8443\ntoken=" + token + "\nvm=web-1\n", Files.readString(enrolConfig));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(enrolConfig)));
        assertEquals("#!/bin/sh\necho agent\n", Files.readString(root.resolve("opt/basket-agent/bin/karaf")));
        assertTrue(Files.isExecutable(root.resolve("opt/basket-agent/bin/karaf")));
        assertEquals("threads=2\n", Files.readString(root.resolve("opt/basket-agent/etc/agent.cfg")));
        String unit = Files.readString(root.resolve("etc/systemd/system/basket-agent.service"));
        assertTrue(unit.contains("\nExecStart=/opt/basket-agent/bin/karaf server\n"), unit);
        assertTrue(unit.contains("\nRestart=always\n"), unit);
        assertTrue(unit.contains("\nWantedBy=multi-user.target\n"), unit);
        assertEquals(List.of("started CONNECT", "finished CONNECT", "started AUTHENTICATE", "finished AUTHENTICATE",
                "started UPLOAD", "finished UPLOAD", "started RUN_SCRIPT", "finished RUN_SCRIPT",
                "started WAIT_READY", "finished WAIT_READY"), progress.steps());
        assertTrue(progress.detail("finished CONNECT").contains(server.hostKeyFingerprint()));
        assertTrue(progress.detail("finished RUN_SCRIPT").contains("did NOT start basket-agent"));
        assertFalse(Files.exists(Path.of(progress.detail("finished UPLOAD"))), "the upload directory is removed");
    }

    @Test
    void reinstallsOverAnInstallationThenUninstallsEverything() throws Exception {
        InstallRequest request = request(target(HostKeyPolicy.knownHosts(knownHosts)), archive, Optional.empty());
        installer.install(request, InstallProgressListener.NONE);
        Files.writeString(root.resolve("opt/basket-agent/stale-file"), "from the first installation");

        installer.install(request, InstallProgressListener.NONE);
        assertFalse(Files.exists(root.resolve("opt/basket-agent/stale-file")));
        assertTrue(Files.exists(root.resolve("etc/basket-agent/enrol.cfg")));

        installer.uninstall(target(HostKeyPolicy.knownHosts(knownHosts)), root.toString(), InstallProgressListener.NONE);
        assertEquals(List.of(), listRecursively(root));
        installer.uninstall(target(HostKeyPolicy.knownHosts(knownHosts)), root.toString(), InstallProgressListener.NONE);
    }

    @Test
    void writesTheManagersCaCertificateAndNamesItInTheEnrolmentSettings() throws Exception {
        String pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
        InstallRequest request = new InstallRequest("web-1", target(HostKeyPolicy.knownHosts(knownHosts)), archive,
                root.toString(), "manager.example:8443", token, Optional.empty(), Optional.of(pem));

        installer.install(request, InstallProgressListener.NONE);

        assertEquals(pem, Files.readString(root.resolve("etc/basket-agent/ca.crt")));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("etc/basket-agent/ca.crt"))));
        assertEquals("manager=manager.example:8443\ntoken=" + token + "\nvm=web-1\n",
                Files.readString(root.resolve("etc/basket-agent/enrol.cfg")));
    }

    @Test
    void refusesAnUnknownHostKeyAndPrintsItsFingerprint() throws Exception {
        Path empty = Files.createFile(work.resolve("empty_known_hosts"));

        InstallException error = assertThrows(InstallException.class, () -> installer.install(
                request(target(HostKeyPolicy.knownHosts(empty)), archive, Optional.empty()), InstallProgressListener.NONE));

        assertEquals(InstallStep.CONNECT, error.step());
        assertTrue(error.getMessage().startsWith(USER + "@127.0.0.1:" + server.port() + ": "), error.getMessage());
        assertTrue(error.reason().contains("host key unknown"), error.getMessage());
        assertTrue(error.reason().contains(server.hostKeyFingerprint()), error.getMessage());
        assertEquals(List.of(), listRecursively(root));
    }

    @Test
    void acceptsAHostKeyPinnedByItsFingerprint() throws Exception {
        installer.install(request(target(HostKeyPolicy.pinned(server.hostKeyFingerprint())), archive, Optional.empty()),
                InstallProgressListener.NONE);

        assertTrue(Files.exists(root.resolve("etc/basket-agent/enrol.cfg")));
    }

    @Test
    void refusesAHostKeyThatIsNotThePinnedOne() throws Exception {
        String otherFingerprint = OpenSshServer.fingerprintOf(serverDirectory.resolve("client_key.pub"));

        InstallException error = assertThrows(InstallException.class, () -> installer.install(
                request(target(HostKeyPolicy.pinned(otherFingerprint)), archive, Optional.empty()), InstallProgressListener.NONE));

        assertEquals(InstallStep.CONNECT, error.step());
        assertTrue(error.reason().contains("host key mismatch"), error.getMessage());
        assertTrue(error.reason().contains(server.hostKeyFingerprint()), error.getMessage());
    }

    @Test
    void refusesAHostKeyThatDiffersFromKnownHosts() throws Exception {
        String[] otherKey = Files.readString(serverDirectory.resolve("client_key.pub")).trim().split(" ");
        Files.writeString(knownHosts, "[127.0.0.1]:" + server.port() + " " + otherKey[0] + " " + otherKey[1] + "\n");

        InstallException error = assertThrows(InstallException.class, () -> installer.install(
                request(target(HostKeyPolicy.knownHosts(knownHosts)), archive, Optional.empty()), InstallProgressListener.NONE));

        assertEquals(InstallStep.CONNECT, error.step());
        assertTrue(error.reason().contains("host key mismatch"), error.getMessage());
        assertTrue(error.reason().contains(server.hostKeyFingerprint()), error.getMessage());
    }

    @Test
    void refusesAKeyTheServerDoesNotAuthorise() throws Exception {
        Path strangerKey = work.resolve("stranger_key");
        OpenSshServer.generateKey(strangerKey);
        SshTarget stranger = new SshTarget(USER, "127.0.0.1", server.port(), Optional.of(strangerKey), HostKeyPolicy.knownHosts(knownHosts));

        InstallException error = assertThrows(InstallException.class,
                () -> installer.install(request(stranger, archive, Optional.empty()), InstallProgressListener.NONE));

        assertEquals(InstallStep.AUTHENTICATE, error.step());
        assertTrue(error.reason().contains("refused user " + USER + " with " + strangerKey), error.getMessage());
        assertEquals(List.of(), listRecursively(root));
    }

    @Test
    void reportsARefusedConnection() throws Exception {
        int closedPort = OpenSshServer.freePort();
        SshTarget nobody = new SshTarget(USER, "127.0.0.1", closedPort, Optional.of(server.clientKey()), HostKeyPolicy.knownHosts(knownHosts));

        InstallException error = assertThrows(InstallException.class,
                () -> installer.install(request(nobody, archive, Optional.empty()), InstallProgressListener.NONE));

        assertEquals(InstallStep.CONNECT, error.step());
        assertEquals("127.0.0.1:" + closedPort, error.host().substring(error.host().indexOf('@') + 1));
        assertTrue(error.reason().contains("connection refused"), error.getMessage());
    }

    @Test
    void reportsTheScriptsExitStatusAndError() throws Exception {
        Path notAnArchive = Files.writeString(work.resolve("broken.tar.gz"), "not gzip\n");

        InstallException error = assertThrows(InstallException.class, () -> installer.install(
                request(target(HostKeyPolicy.knownHosts(knownHosts)), notAnArchive, Optional.empty()), InstallProgressListener.NONE));

        assertEquals(InstallStep.RUN_SCRIPT, error.step());
        assertTrue(error.reason().contains("exited with status 1"), error.getMessage());
        assertTrue(error.reason().contains("is it a .tar.gz?"), error.getMessage());
        assertFalse(Files.exists(root.resolve("opt/basket-agent")));
    }

    @Test
    void failsWhenTheAgentDoesNotReportInTime() throws Exception {
        List<Integer> checks = new ArrayList<>();
        ReadinessWait never = new ReadinessWait(() -> checks.add(1) && false, Duration.ofMillis(300), Duration.ofMillis(50));

        InstallException error = assertThrows(InstallException.class, () -> installer.install(
                request(target(HostKeyPolicy.knownHosts(knownHosts)), archive, Optional.of(never)), InstallProgressListener.NONE));

        assertEquals(InstallStep.WAIT_READY, error.step());
        assertTrue(checks.size() >= 2, "checked " + checks.size() + " times");
    }

    @Test
    void neverLogsTheEnrolmentToken() throws Exception {
        installer.install(request(target(HostKeyPolicy.knownHosts(knownHosts)), archive, Optional.empty()), InstallProgressListener.NONE);
        String request = request(target(HostKeyPolicy.knownHosts(knownHosts)), archive, Optional.empty()).toString();

        assertTrue(LogFile.contains("Installing the agent of VM web-1"), "the log file is the one written");
        assertFalse(LogFile.contains(token));
        assertFalse(request.contains(token));
    }

    private SshTarget target(HostKeyPolicy hostKeyPolicy) {
        return new SshTarget(USER, "127.0.0.1", server.port(), Optional.of(server.clientKey()), hostKeyPolicy);
    }

    private InstallRequest request(SshTarget target, Path agentArchive, Optional<ReadinessWait> readiness) {
        return new InstallRequest("web-1", target, agentArchive, root.toString(), "manager.example:8443", token, readiness);
    }

    private static List<Path> listRecursively(Path directory) throws Exception {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(file -> !file.equals(directory)).toList();
        }
    }

    private static final class RecordingListener implements InstallProgressListener {
        private final List<String> steps = new ArrayList<>();
        private final List<String> details = new ArrayList<>();

        @Override
        public void started(InstallStep step, String detail) {
            steps.add("started " + step);
            details.add(detail);
        }

        @Override
        public void finished(InstallStep step, String detail) {
            steps.add("finished " + step);
            details.add(detail);
        }

        List<String> steps() {
            return steps;
        }

        String detail(String step) {
            return details.get(steps.indexOf(step));
        }
    }
}

package org.basket.installer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the in-guest agent over SSH: connects and checks the host key, authenticates with a key,
 * uploads the agent archive and the install script to a private temporary directory, runs the
 * script, removes the directory, and waits until the agent reports. Thread-safe; one SSH client per call.
 */
public final class AgentInstaller {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(15);
    public static final Duration DEFAULT_SCRIPT_TIMEOUT = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(AgentInstaller.class);
    private static final String ARCHIVE_NAME = "basket-agent.tar.gz";
    private static final String CA_NAME = "ca.crt";
    private static final byte[] NO_INPUT = new byte[0];

    private final Duration connectTimeout;
    private final Duration scriptTimeout;

    public AgentInstaller() {
        this(DEFAULT_CONNECT_TIMEOUT, DEFAULT_SCRIPT_TIMEOUT);
    }

    public AgentInstaller(Duration connectTimeout, Duration scriptTimeout) {
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.scriptTimeout = Objects.requireNonNull(scriptTimeout, "scriptTimeout");
    }

    public void install(InstallRequest request, InstallProgressListener progress) throws InstallException {
        String host = request.target().describe();
        if (!Files.isRegularFile(request.agentArchive())) {
            throw new InstallException(host, InstallStep.UPLOAD, "the agent archive " + request.agentArchive() + " does not exist");
        }
        LOG.info("Installing the agent of VM {} on {} into {}", request.vmName(), host, request.targetRoot());
        try (SshConnection ssh = openSession(request.target(), progress)) {
            started(progress, host, InstallStep.UPLOAD, request.agentArchive().toString());
            String directory = makeTemporaryDirectory(ssh, InstallStep.UPLOAD);
            try {
                String archive = directory + "/" + ARCHIVE_NAME;
                String script = directory + "/" + InstallScript.FILE_NAME;
                uploadOrFail(ssh, () -> ssh.upload(request.agentArchive(), archive));
                uploadOrFail(ssh, () -> ssh.upload(InstallScript.content(), script, scriptPermissions()));
                Optional<String> ca = request.caCertificate().map(pem -> directory + "/" + CA_NAME);
                if (ca.isPresent()) {
                    byte[] pem = request.caCertificate().get().getBytes(StandardCharsets.UTF_8);
                    uploadOrFail(ssh, () -> ssh.upload(pem, ca.get(), EnumSet.of(PosixFilePermission.OWNER_READ,
                            PosixFilePermission.OWNER_WRITE)));
                }
                progress.finished(InstallStep.UPLOAD, directory);

                started(progress, host, InstallStep.RUN_SCRIPT, request.targetRoot());
                byte[] token = (request.enrolmentToken() + "\n").getBytes(StandardCharsets.UTF_8);
                RemoteResult result = runScript(ssh, InstallStep.RUN_SCRIPT, InstallScript.installCommand(script, archive, ca, request), token);
                progress.finished(InstallStep.RUN_SCRIPT, lastLine(result.stdout()));
            } finally {
                removeTemporaryDirectory(ssh, directory);
            }
        }
        if (request.readiness().isPresent()) {
            awaitReady(host, request.readiness().get(), progress);
        } else {
            LOG.info("Agent installed on {}; not waiting for it to report", host);
        }
    }

    public void uninstall(SshTarget target, String targetRoot, InstallProgressListener progress) throws InstallException {
        String host = target.describe();
        LOG.info("Removing the agent from {} under {}", host, targetRoot);
        try (SshConnection ssh = openSession(target, progress)) {
            started(progress, host, InstallStep.UNINSTALL, targetRoot);
            String directory = makeTemporaryDirectory(ssh, InstallStep.UNINSTALL);
            try {
                String script = directory + "/" + InstallScript.FILE_NAME;
                try {
                    ssh.upload(InstallScript.content(), script, scriptPermissions());
                } catch (IOException e) {
                    throw ssh.failure(InstallStep.UNINSTALL, "uploading the script failed: " + e.getMessage(), e);
                }
                RemoteResult result = runScript(ssh, InstallStep.UNINSTALL, InstallScript.uninstallCommand(script, targetRoot), NO_INPUT);
                progress.finished(InstallStep.UNINSTALL, lastLine(result.stdout()));
            } finally {
                removeTemporaryDirectory(ssh, directory);
            }
        }
    }

    private SshConnection openSession(SshTarget target, InstallProgressListener progress) throws InstallException {
        String host = target.describe();
        SshConnection ssh = new SshConnection(target, connectTimeout);
        try {
            started(progress, host, InstallStep.CONNECT, host);
            progress.finished(InstallStep.CONNECT, "host key " + ssh.connect());
            started(progress, host, InstallStep.AUTHENTICATE, target.user());
            ssh.authenticate();
            progress.finished(InstallStep.AUTHENTICATE, target.user());
            return ssh;
        } catch (InstallException | RuntimeException e) {
            ssh.close();
            throw e;
        }
    }

    private String makeTemporaryDirectory(SshConnection ssh, InstallStep step) throws InstallException {
        RemoteResult result = runScript(ssh, step, "mktemp -d /tmp/basket-agent-install.XXXXXX", NO_INPUT);
        return result.stdout().strip();
    }

    private void removeTemporaryDirectory(SshConnection ssh, String directory) {
        try {
            RemoteResult result = ssh.run(InstallScript.command(List.of("rm", "-rf", directory)), NO_INPUT, connectTimeout);
            if (!result.succeeded()) {
                LOG.warn("Could not remove {}: {}", directory, result.tail());
            }
        } catch (IOException e) {
            LOG.warn("Could not remove {}: {}", directory, e.getMessage());
        }
    }

    private RemoteResult runScript(SshConnection ssh, InstallStep step, String command, byte[] stdin) throws InstallException {
        LOG.debug("Running {}", command);
        RemoteResult result;
        try {
            result = ssh.run(command, stdin, scriptTimeout);
        } catch (IOException e) {
            throw ssh.failure(step, "running '" + command + "' failed: " + e.getMessage(), e);
        }
        LOG.debug("Exit status {}; stdout: {}; stderr: {}", result.exitStatus(), result.stdout().strip(), result.stderr().strip());
        if (!result.succeeded()) {
            throw ssh.failure(step, "'" + command + "' exited with status " + result.exitStatus() + ": " + result.tail(), null);
        }
        return result;
    }

    private void awaitReady(String host, ReadinessWait wait, InstallProgressListener progress) throws InstallException {
        started(progress, host, InstallStep.WAIT_READY, "up to " + wait.timeout().toSeconds() + " s");
        long deadline = System.nanoTime() + wait.timeout().toNanos();
        Exception lastError = null;
        while (true) {
            try {
                if (wait.check().isReady()) {
                    progress.finished(InstallStep.WAIT_READY, "the agent reports");
                    LOG.info("The agent on {} reports", host);
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InstallException(host, InstallStep.WAIT_READY, "interrupted", e);
            } catch (Exception e) {
                lastError = e;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                String last = lastError == null ? "" : " (last check failed: " + lastError.getMessage() + ")";
                throw new InstallException(host, InstallStep.WAIT_READY,
                        "the agent did not report within " + wait.timeout().toSeconds() + " s" + last, lastError);
            }
            pause(host, Math.min(remaining, wait.pollInterval().toNanos()));
        }
    }

    /** The interval between readiness checks; the check itself decides what ready means. */
    private static void pause(String host, long nanos) throws InstallException {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InstallException(host, InstallStep.WAIT_READY, "interrupted", e);
        }
    }

    private static void uploadOrFail(SshConnection ssh, Upload upload) throws InstallException {
        try {
            upload.run();
        } catch (IOException e) {
            throw ssh.failure(InstallStep.UPLOAD, e.getMessage(), e);
        }
    }

    private static void started(InstallProgressListener progress, String host, InstallStep step, String detail) {
        LOG.info("{}: {} ({})", host, step.description(), detail);
        progress.started(step, detail);
    }

    private static EnumSet<PosixFilePermission> scriptPermissions() {
        return EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
    }

    private static String lastLine(String output) {
        String stripped = output.strip();
        return stripped.substring(stripped.lastIndexOf('\n') + 1);
    }

    @FunctionalInterface
    private interface Upload {
        void run() throws IOException;
    }
}

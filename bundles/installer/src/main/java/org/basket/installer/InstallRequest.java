package org.basket.installer;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What to install where.
 *
 * @param targetRoot      the guest's root directory: "/" for a real guest, a throwaway directory in tests
 * @param managerAddress  HOST:PORT the agent enrols with; passed to the install script as is
 * @param enrolmentToken  the one-time enrolment token: a secret, sent on the script's stdin, never logged
 * @param readiness       what to wait for after the script ran; empty to return right after it
 * @param caCertificate   the manager's CA certificate (PEM) the agent pins, written to /etc/basket-agent/ca.crt;
 *                        empty when the agent is given it another way
 */
public record InstallRequest(
        String vmName,
        SshTarget target,
        Path agentArchive,
        String targetRoot,
        String managerAddress,
        String enrolmentToken,
        Optional<ReadinessWait> readiness,
        Optional<String> caCertificate) {

    public static final String DEFAULT_TARGET_ROOT = "/";

    public InstallRequest {
        SshTarget.requireText(vmName, "vmName");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(agentArchive, "agentArchive");
        SshTarget.requireText(targetRoot, "targetRoot");
        if (!targetRoot.startsWith("/")) {
            throw new IllegalArgumentException("targetRoot must be an absolute path, not " + targetRoot);
        }
        SshTarget.requireText(managerAddress, "managerAddress");
        SshTarget.requireText(enrolmentToken, "enrolmentToken");
        if (enrolmentToken.contains("\n") || enrolmentToken.contains("\r")) {
            throw new IllegalArgumentException("enrolmentToken must be a single line");
        }
        Objects.requireNonNull(readiness, "readiness");
        Objects.requireNonNull(caCertificate, "caCertificate");
    }

    public InstallRequest(String vmName, SshTarget target, Path agentArchive, String targetRoot, String managerAddress,
            String enrolmentToken, Optional<ReadinessWait> readiness) {
        this(vmName, target, agentArchive, targetRoot, managerAddress, enrolmentToken, readiness, Optional.empty());
    }

    /** Keeps the token out of logs and messages that print the request. */
    @Override
    public String toString() {
        return "InstallRequest[vm=" + vmName + ", target=" + target.describe() + ", archive=" + agentArchive
                + ", root=" + targetRoot + ", manager=" + managerAddress + ", token=<hidden>]";
    }
}

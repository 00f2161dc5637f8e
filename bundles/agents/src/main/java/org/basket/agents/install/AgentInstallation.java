package org.basket.agents.install;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Consumer;

import org.basket.agents.AgentStates;
import org.basket.agents.AgentTrust;
import org.basket.api.monitor.AgentEnrolment;
import org.basket.api.monitor.AgentException;
import org.basket.api.monitor.AgentStatus;
import org.basket.api.monitor.GuestAgentAdmin;
import org.basket.installer.AgentInstaller;
import org.basket.installer.InstallException;
import org.basket.installer.InstallProgressListener;
import org.basket.installer.InstallRequest;
import org.basket.installer.ReadinessWait;
import org.basket.installer.SshTarget;

/**
 * What ha:agent-install and ha:agent-uninstall do, without the shell: checks the VM, issues a token,
 * installs the agent over SSH (the token and the CA certificate go with it) and waits until the agent
 * connected; removes it and revokes its certificate.
 */
public final class AgentInstallation {
    static final Duration POLL = Duration.ofMillis(200);

    private final GuestAgentAdmin admin;
    private final AgentTrust trust;
    private final AgentInstaller installer;
    private final Clock clock;

    public AgentInstallation(GuestAgentAdmin admin, AgentTrust trust, AgentInstaller installer, Clock clock) {
        this.admin = admin;
        this.trust = trust;
        this.installer = installer;
        this.clock = clock;
    }

    public void install(InstallOptions options, Collection<String> configuredVms, InstallProgressListener progress)
            throws AgentException, InstallException {
        String vm = options.vm();
        requireVm(vm, configuredVms);
        if (!Files.isRegularFile(options.archive())) {
            throw new IllegalArgumentException("no agent archive at " + options.archive() + " (looked there for VM " + vm
                    + "; --archive FILE names another)");
        }
        Instant started = clock.instant();
        AgentEnrolment enrolment = admin.enrol(vm, null);
        Optional<ReadinessWait> wait = options.readinessTimeout().map(timeout -> new ReadinessWait(() -> connectedSince(vm, started), timeout, POLL));
        installer.install(new InstallRequest(vm, options.target(), options.archive(), options.root(),
                options.manager().orElse(enrolment.managerAddress()), enrolment.token(), wait,
                Optional.of(trust.caCertificatePem())), progress);
    }

    /** For an install by hand or from cloud-init: a token for the configured VM's agent, and the CA it pins. */
    public ManualEnrolment enrolByHand(String vm, Collection<String> configuredVms) throws AgentException {
        requireVm(vm, configuredVms);
        return new ManualEnrolment(admin.enrol(vm, null), trust.caCertificatePem());
    }

    /**
     * Removes the agent over SSH, then revokes its certificate (or withdraws its unused token); tells
     * {@code say} what it did about them.
     */
    public void uninstall(String vm, SshTarget target, String root, Collection<String> configuredVms,
            InstallProgressListener progress, Consumer<String> say) throws AgentException, InstallException {
        requireVm(vm, configuredVms);
        installer.uninstall(target, root, progress);
        Optional<AgentStatus> status = admin.agent(vm);
        String state = status.map(AgentStates::of).orElse("");
        if (state.equals(AgentStates.REVOKED) || state.equals(AgentStates.CERTIFICATE_EXPIRED) || status.isEmpty()) {
            say.accept("No certificate to revoke for VM " + vm + "'s agent (" + status.map(AgentStatus::detail).orElse("it never enrolled") + ")");
            return;
        }
        admin.revoke(vm);
        say.accept(status.get().enrolled() ? "Revoked the certificate of VM " + vm + "'s agent: it can no longer connect"
                : "Withdrew the unused enrolment token of VM " + vm + "'s agent: it can no longer enrol");
    }

    /** Ready once a session opened after the installation began (an older one is the previous agent's). */
    private boolean connectedSince(String vm, Instant started) {
        return admin.agent(vm).filter(AgentStatus::connected)
                .flatMap(AgentStatus::since).map(since -> !since.isBefore(started)).orElse(false);
    }

    private static void requireVm(String vm, Collection<String> configuredVms) {
        if (!configuredVms.contains(vm)) {
            throw new IllegalArgumentException("unknown VM '" + vm + "': "
                    + (configuredVms.isEmpty() ? "no VM resource is configured" : "configured VMs are " + String.join(", ", configuredVms)));
        }
    }
}

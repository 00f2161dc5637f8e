package org.basket.api.monitor;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Enrolment and status of the real in-guest agents, one per VM, named by the VM resource.
 * Registered by the agent channel; used by the shell's agent commands and the installer.
 */
@ProviderType
public interface GuestAgentAdmin {

    /** Issues a one-time enrolment token for the VM's agent, valid for {@code validity}. */
    AgentEnrolment enrol(String vm, Duration validity) throws AgentException;

    /** Every agent that enrolled or holds a token, by VM name. */
    List<AgentStatus> agents();

    Optional<AgentStatus> agent(String vm);

    /** Revokes the agent's certificate: its session ends and it cannot connect again without a new enrolment. */
    void revoke(String vm) throws AgentException;

    /** The manager's CA certificate (PEM): what an agent enrolling by hand must trust. */
    String caCertificatePem();
}

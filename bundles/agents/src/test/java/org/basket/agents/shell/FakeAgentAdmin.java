package org.basket.agents.shell;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.basket.api.monitor.AgentEnrolment;
import org.basket.api.monitor.AgentStatus;
import org.basket.api.monitor.GuestAgentAdmin;

/** Agents as the commands' tests set them; revocations recorded; enrolment not expected. */
final class FakeAgentAdmin implements GuestAgentAdmin {
    final Map<String, AgentStatus> agents = new LinkedHashMap<>();
    final List<String> revoked = new ArrayList<>();

    FakeAgentAdmin add(AgentStatus status) {
        agents.put(status.vm(), status);
        return this;
    }

    @Override
    public AgentEnrolment enrol(String vm, Duration validity) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<AgentStatus> agents() {
        return List.copyOf(agents.values());
    }

    @Override
    public Optional<AgentStatus> agent(String vm) {
        return Optional.ofNullable(agents.get(vm));
    }

    @Override
    public void revoke(String vm) {
        revoked.add(vm);
    }

    @Override
    public String caCertificatePem() {
        return "-----BEGIN CERTIFICATE-----\nfake\n-----END CERTIFICATE-----\n";
    }
}

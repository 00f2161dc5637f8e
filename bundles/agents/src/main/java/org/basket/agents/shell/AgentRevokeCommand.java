package org.basket.agents.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.basket.agents.AgentStates;
import org.basket.api.monitor.AgentException;
import org.basket.api.monitor.AgentStatus;
import org.basket.api.monitor.GuestAgentAdmin;
import org.basket.shell.support.HaCommand;

@Service
@Command(scope = "ha", name = "agent-revoke", description = "Revokes a VM's agent from the manager alone, without SSH to "
        + "its guest: its certificates are revoked, its session ends, its unused enrolment tokens are withdrawn.",
        detailedDescription = "The agent can connect again only after a new enrolment (ha:agent-token or ha:agent-install). "
                + "Works for a VM that is no longer configured too. ha:agent-uninstall removes the agent over SSH and revokes it.")
public class AgentRevokeCommand extends HaCommand {

    @Argument(index = 0, name = "vm", description = "The VM whose agent is revoked", required = true)
    @Completion(VmCompleter.class)
    String vm;

    @Reference
    GuestAgentAdmin admin;

    @Override
    protected void run() throws AgentException {
        AgentStatus before = admin.agent(vm).orElseThrow(() -> new IllegalArgumentException("no agent known for VM '" + vm
                + "': " + (admin.agents().isEmpty() ? "no agent enrolled or holds a token"
                        : "agents are " + String.join(", ", admin.agents().stream().map(AgentStatus::vm).toList()))));
        admin.revoke(vm);
        String state = AgentStates.of(before);
        switch (state) {
            case AgentStates.CONNECTED -> out.println("Revoked the certificates of VM " + vm + "'s agent and ended its session"
                    + " (from " + before.address() + "): it can no longer connect");
            case AgentStates.ENROLLED -> out.println("Revoked the certificates of VM " + vm + "'s agent: it can no longer connect");
            case AgentStates.TOKEN_ISSUED, AgentStates.TOKEN_EXPIRED -> out.println("Withdrew the unused enrolment tokens of VM "
                    + vm + "'s agent: it can no longer enrol");
            default -> out.println("VM " + vm + "'s agent was " + state + " already; its unused enrolment tokens, if any, are "
                    + "withdrawn");
        }
    }
}

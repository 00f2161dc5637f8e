package org.basket.agents.shell;

import java.time.Clock;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.basket.agents.AgentTrust;
import org.basket.agents.install.AgentInstallation;
import org.basket.api.cluster.ClusterService;
import org.basket.api.monitor.GuestAgentAdmin;
import org.basket.installer.AgentInstaller;

@Service
@Command(scope = "ha", name = "agent-uninstall", description = "Removes the in-guest agent from a VM over SSH and revokes its certificate.")
public class AgentUninstallCommand extends SshCommand {

    @Argument(index = 0, name = "vm", description = "The VM resource whose agent is removed", required = true)
    @Completion(VmCompleter.class)
    String vm;

    @Reference
    ClusterService cluster;

    @Reference
    GuestAgentAdmin admin;

    @Reference
    AgentTrust trust;

    @Override
    protected void run() throws Exception {
        new AgentInstallation(admin, trust, new AgentInstaller(), Clock.systemUTC())
                .uninstall(vm, target(), root, ConfiguredVms.of(cluster), progress(), out::println);
        out.println("Removed the agent from VM " + vm);
    }
}

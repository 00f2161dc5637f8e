package org.basket.agents.shell;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.basket.agents.AgentTrust;
import org.basket.agents.install.AgentInstallation;
import org.basket.agents.install.InstallOptions;
import org.basket.api.cluster.ClusterService;
import org.basket.api.monitor.GuestAgentAdmin;
import org.basket.installer.AgentInstaller;

@Service
@Command(scope = "ha", name = "agent-install", description = "Installs the in-guest agent in a VM over SSH, enrols it and waits until it connects.",
        detailedDescription = "Checks the host key (--host-key or --known-hosts), uploads the agent archive and the install script, "
                + "installs the agent with a systemd unit, hands it a one-time enrolment token and the manager's CA certificate, "
                + "then waits until the agent connected (unless --no-wait).")
public class AgentInstallCommand extends SshCommand {

    @Argument(index = 0, name = "vm", description = "The VM resource whose guest gets the agent", required = true)
    @Completion(VmCompleter.class)
    String vm;

    @Option(name = "--archive", description = "The agent archive (default ${karaf.home}/agent/basket-agent.tar.gz)")
    String archive;

    @Option(name = "--manager", description = "HOST:PORT the agent connects to (default the channel's advertised.address)")
    String manager;

    @Option(name = "--timeout", description = "Seconds to wait until the agent connected (default 120)")
    long timeoutSeconds = InstallOptions.DEFAULT_WAIT.toSeconds();

    @Option(name = "--no-wait", description = "Return once the install script ran, without waiting for the agent")
    boolean noWait;

    @Reference
    ClusterService cluster;

    @Reference
    GuestAgentAdmin admin;

    @Reference
    AgentTrust trust;

    @Override
    protected void run() throws Exception {
        if (timeoutSeconds <= 0) {
            throw new IllegalArgumentException("--timeout must be a positive number of seconds, not " + timeoutSeconds);
        }
        Path archiveFile = archive != null ? Path.of(archive) : InstallOptions.defaultArchive(System.getProperty("karaf.home", "."));
        InstallOptions options = new InstallOptions(vm, target(), root, archiveFile, Optional.ofNullable(manager),
                noWait ? Optional.empty() : Optional.of(Duration.ofSeconds(timeoutSeconds)));
        new AgentInstallation(admin, trust, new AgentInstaller(), Clock.systemUTC())
                .install(options, ConfiguredVms.of(cluster), progress());
        out.println(noWait ? "Installed the agent of VM " + vm + "; not waiting for it to connect (see ha:agents)"
                : "The agent of VM " + vm + " is installed and connected");
    }
}

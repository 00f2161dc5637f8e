package org.basket.agents.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.basket.agents.AgentTrust;
import org.basket.agents.install.AgentInstallation;
import org.basket.agents.install.ManualEnrolment;
import org.basket.api.cluster.ClusterService;
import org.basket.api.monitor.AgentEnrolment;
import org.basket.api.monitor.GuestAgentAdmin;
import org.basket.installer.AgentInstaller;
import org.basket.shell.support.HaCommand;

@Service
@Command(scope = "ha", name = "agent-token", description = "Issues a one-time enrolment token for a VM's agent, "
        + "for an install by hand or from cloud-init with basket-agent-install.sh.",
        detailedDescription = "Prints the manager address and the token to pass to basket-agent-install.sh install "
                + "(--manager, --token-stdin) and writes the manager's CA certificate for its --ca. The token is a secret: "
                + "it works once, for this VM only, until it expires (token.validity.ms in etc/org.basket.agents.cfg).")
public class AgentTokenCommand extends HaCommand {

    @Argument(index = 0, name = "vm", description = "The VM resource whose agent will enrol", required = true)
    @Completion(VmCompleter.class)
    String vm;

    @Option(name = "--ca-file", description = "The file, inside --dir, to write the manager's CA certificate to "
            + "(default ca.crt); an existing file is not replaced without --force")
    String caFile = "ca.crt";

    @Option(name = "--dir", description = "The directory to write --ca-file in (default: the current directory)")
    String dir = ".";

    @Option(name = "--force", description = "Replace an existing --ca-file")
    boolean force;

    @Reference
    ClusterService cluster;

    @Reference
    GuestAgentAdmin admin;

    @Reference
    AgentTrust trust;

    @Override
    protected void run() throws Exception {
        CaFile file;
        try {
            file = CaFile.in(Path.of(dir).toAbsolutePath(), caFile);
            if (Files.exists(file.path(), LinkOption.NOFOLLOW_LINKS) && !force) {
                throw new IOException(file.path() + " exists; not overwritten (--force replaces it)");
            }
        } catch (IOException e) {
            throw new IOException("no token issued: cannot write the CA certificate: " + e.getMessage(), e);
        }
        ManualEnrolment manual = new AgentInstallation(admin, trust, new AgentInstaller(), Clock.systemUTC())
                .enrolByHand(vm, ConfiguredVms.of(cluster));
        try {
            file.write(manual.caCertificatePem(), force);
        } catch (IOException e) {
            throw new IOException("cannot write the CA certificate: " + e.getMessage(), e);
        }
        Path ca = file.path();
        AgentEnrolment enrolment = manual.enrolment();
        out.println("manager:        " + enrolment.managerAddress());
        out.println("token:          " + enrolment.token());
        out.println("expires:        " + enrolment.expiresAt() + " (works once, for " + vm + " only)");
        out.println("CA certificate: " + ca);
        out.println("in the guest, as root, with the archive, its install script and ca.crt:");
        out.println("  echo TOKEN | sh basket-agent-install.sh install --archive basket-agent.tar.gz --manager "
                + enrolment.managerAddress() + " --vm " + vm + " --token-stdin --ca ca.crt");
    }
}

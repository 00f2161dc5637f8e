package org.basket.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.basket.api.cluster.ClusterService;
import org.basket.shell.support.HaCommand;

@Service
@Command(scope = "ha", name = "fence-confirm", description = "DANGEROUS: tells Basket that a host is off (powered down "
        + "or isolated by hand) when no fence device can confirm it. Basket then recovers its resources elsewhere: "
        + "if the host still runs them, they run twice. Needs --yes.")
public class FenceConfirmCommand extends HaCommand {

    @Reference
    ClusterService cluster;

    @Argument(index = 0, name = "host", description = "The host you made sure is off", required = true)
    @Completion(HostCompleter.class)
    String host;

    @Option(name = "--yes", description = "I made sure the host is off and runs nothing")
    boolean yes;

    @Override
    protected void run() {
        out.println("WARNING: confirming " + host + " as off without a fence device. If it still runs any VM, that VM "
                + "will run twice, with the damage that does to its disks.");
        if (!yes) {
            throw new IllegalArgumentException("not confirmed: make sure " + host + " is off, then repeat with --yes");
        }
        cluster.confirmFenced(host);
        out.println("Host " + host + " confirmed off by the operator; its resources are being recovered.");
    }
}

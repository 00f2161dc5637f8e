package org.basket.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.basket.api.cluster.ClusterService;
import org.basket.shell.support.HaCommand;

@Service
@Command(scope = "ha", name = "host-online", description = "Takes a host out of standby so that resources may be placed on it again.")
public class HostOnlineCommand extends HaCommand {

    @Reference
    ClusterService cluster;

    @Argument(index = 0, name = "host", description = "The host", required = true)
    @Completion(HostCompleter.class)
    String host;

    @Override
    protected void run() {
        cluster.setStandby(host, false);
        out.println("Host " + host + " is online.");
    }
}

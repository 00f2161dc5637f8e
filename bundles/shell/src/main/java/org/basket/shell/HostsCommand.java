package org.basket.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.basket.api.cluster.ClusterService;
import org.basket.shell.support.JsonCommand;
import org.basket.shell.view.ClusterView;

@Service
@Command(scope = "ha", name = "hosts", description = "Lists the hosts with their state and load.")
public class HostsCommand extends JsonCommand {

    @Reference
    ClusterService cluster;

    @Override
    protected void run() {
        ClusterView view = new ClusterView(cluster.snapshot());
        if (json) {
            printJson(view.hosts());
        } else {
            printTable(view.hosts(), "name", "state", "driver", "resources", "cpus", "memoryMb", "reason");
        }
    }
}

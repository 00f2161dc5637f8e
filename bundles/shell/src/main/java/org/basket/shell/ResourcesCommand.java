package org.basket.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.basket.api.cluster.ClusterService;
import org.basket.shell.support.JsonCommand;
import org.basket.shell.view.ClusterView;

@Service
@Command(scope = "ha", name = "resources", description = "Lists the resources with their state, where they run and, for those not where they should be, why.")
public class ResourcesCommand extends JsonCommand {

    @Reference
    ClusterService cluster;

    @Override
    protected void run() {
        ClusterView view = new ClusterView(cluster.snapshot());
        if (json) {
            printJson(view.resources());
        } else {
            printTable(view.resourceTable(), "name", "kind", "state", "host", "failures", "reason");
        }
    }
}

package org.basket.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "ha", name = "resources", description = "Lists the resources with their state and where they run.")
public class ResourcesCommand extends BasketCommand {

    @Override
    void run() {
        ClusterView view = new ClusterView(cluster.snapshot());
        if (json) {
            printJson(view.resources());
        } else {
            printTable(view.resourceTable(), "name", "kind", "state", "host", "failures");
        }
    }
}

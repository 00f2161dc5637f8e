package org.basket.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.basket.api.cluster.ClusterService;
import org.basket.shell.support.HaCommand;

@Service
@Command(scope = "ha", name = "cleanup", description = "Cleans a resource up, as crm_resource --cleanup does: a "
        + "resource blocked where its stop failed is no longer blocked (make sure it is stopped there first), a host "
        + "to be fenced because its stop failed there no longer is, and its fail counts are cleared; the next plan "
        + "acts on it again.")
public class CleanupCommand extends HaCommand {

    @Reference
    ClusterService cluster;

    @Argument(index = 0, name = "resource", description = "The resource's name", required = true)
    @Completion(ResourceCompleter.class)
    String resource;

    @Override
    protected void run() {
        cluster.cleanup(resource);
        out.println("Resource " + resource + " cleaned up: not blocked, fail counts cleared.");
    }
}

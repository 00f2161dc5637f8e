package org.basket.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.basket.api.cluster.ClusterService.Scope;
import org.basket.api.cluster.ClusterService;
import org.basket.shell.support.HaCommand;

@Service
@Command(scope = "ha", name = "maintenance", description = "Turns maintenance mode on or off, for the whole cluster (the default), "
        + "a host or a resource. In maintenance Basket keeps observing and reporting but never acts: no start, stop, "
        + "migration or fencing, so that operators and other tools can work by hand.")
public class MaintenanceCommand extends HaCommand {

    @Reference
    ClusterService cluster;

    @Argument(index = 0, name = "mode", description = "on or off", required = true)
    @Completion(values = {"on", "off"}, value = StringsCompleter.class)
    String mode;

    @Option(name = "--host", description = "Only this host, and what runs on it")
    @Completion(HostCompleter.class)
    String host;

    @Option(name = "--resource", description = "Only this resource")
    @Completion(ResourceCompleter.class)
    String resource;

    @Override
    protected void run() {
        if (!mode.equals("on") && !mode.equals("off")) {
            throw new IllegalArgumentException("mode must be 'on' or 'off', not '" + mode + "'");
        }
        if (host != null && resource != null) {
            throw new IllegalArgumentException("give --host or --resource, not both");
        }
        boolean on = mode.equals("on");
        Scope scope = host != null ? Scope.HOST : resource != null ? Scope.RESOURCE : Scope.CLUSTER;
        String name = host != null ? host : resource;
        cluster.setMaintenance(scope, name, on);
        String what = scope == Scope.CLUSTER ? "The cluster" : (scope == Scope.HOST ? "Host " : "Resource ") + name;
        out.println(what + (on ? " is in maintenance: Basket observes it but does not act on it."
                : " is out of maintenance: Basket manages it again."));
    }
}

package org.basket.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.basket.api.cluster.ClusterService;
import org.basket.api.fence.FenceException;
import org.basket.shell.support.HaCommand;

@Service
@Command(scope = "ha", name = "fence", description = "Fences a host now: powers it off through its fencing levels "
        + "(then its driver), whatever it runs. Its resources are then recovered on other hosts.")
public class FenceCommand extends HaCommand {

    @Reference
    ClusterService cluster;

    @Argument(index = 0, name = "host", description = "The host to power off", required = true)
    @Completion(HostCompleter.class)
    String host;

    @Override
    protected void run() {
        try {
            out.println("Host " + host + " is off, confirmed by " + cluster.fence(host) + ".");
        } catch (FenceException e) {
            throw new IllegalArgumentException("fencing " + host + " failed; it is not assumed to be off: " + e.getMessage());
        }
    }
}

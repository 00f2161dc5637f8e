package org.basket.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "ha", name = "host-standby", description = "Drains a host: its resources live-migrate (or restart, "
        + "when not migratable) to other hosts and nothing new is placed on it. Undo with ha:host-online.")
public class HostStandbyCommand extends BasketCommand {

    @Argument(index = 0, name = "host", description = "The host to drain", required = true)
    @Completion(HostCompleter.class)
    String host;

    @Override
    void run() {
        cluster.setStandby(host, true);
        out.println("Host " + host + " is in standby; its resources are moving away (watch with ha:status).");
    }
}

package org.basket.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "ha", name = "host-online", description = "Takes a host out of standby so that resources may be placed on it again.")
public class HostOnlineCommand extends BasketCommand {

    @Argument(index = 0, name = "host", description = "The host", required = true)
    @Completion(HostCompleter.class)
    String host;

    @Override
    void run() {
        cluster.setStandby(host, false);
        out.println("Host " + host + " is online.");
    }
}

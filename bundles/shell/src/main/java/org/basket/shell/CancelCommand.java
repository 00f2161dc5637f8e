package org.basket.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.basket.api.cluster.ClusterService;
import org.basket.shell.support.JsonCommand;

@Service
@Command(scope = "ha", name = "cancel", description = "Cancels the long operations in progress: hosts still draining "
        + "go back online, and the actions of the transition in flight that have not started are abandoned. Running "
        + "actions finish.")
public class CancelCommand extends JsonCommand {

    @Reference
    ClusterService cluster;

    @Override
    protected void run() {
        List<String> cancelled = cluster.cancel();
        if (json) {
            printJson(cancelled);
        } else if (cancelled.isEmpty()) {
            out.println("Nothing to cancel.");
        } else {
            cancelled.forEach(out::println);
        }
    }
}

package org.basket.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "ha", name = "cancel", description = "Cancels the long operations in progress: hosts still draining "
        + "go back online, and the actions of the transition in flight that have not started are abandoned. Running "
        + "actions finish.")
public class CancelCommand extends BasketCommand {

    @Override
    void run() {
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

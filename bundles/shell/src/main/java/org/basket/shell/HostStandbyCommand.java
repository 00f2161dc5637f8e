package org.basket.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.basket.api.cluster.ClusterService;
import org.basket.shell.support.HaCommand;

@Service
@Command(scope = "ha", name = "host-standby", description = "Drains a host: its resources live-migrate (or restart, "
        + "when not migratable) to other hosts and nothing new is placed on it. Undo with ha:host-online; stop a drain "
        + "with ha:cancel.")
public class HostStandbyCommand extends HaCommand {

    @Reference
    ClusterService cluster;
    static final long POLL_MS = 250;

    @Argument(index = 0, name = "host", description = "The host to drain", required = true)
    @Completion(HostCompleter.class)
    String host;

    @Option(name = "-w", aliases = "--wait", description = "Follow the drain until the host runs nothing (Ctrl-C stops "
            + "watching, not the drain)")
    boolean waitForDrain;

    @Option(name = "-t", aliases = "--timeout", description = "With --wait: give up watching after this many seconds")
    int timeoutSeconds = 600;

    @Override
    protected void run() {
        cluster.setStandby(host, true);
        if (!waitForDrain) {
            out.println("Host " + host + " is in standby; its resources are moving away (follow with ha:progress).");
            return;
        }
        out.println("Host " + host + " is in standby; draining.");
        follow();
    }

    private void follow() {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        List<String> left = left();
        out.println(left.size() + " resource(s) to move: " + String.join(", ", left));
        while (!left.isEmpty()) {
            if (System.nanoTime() > deadline) {
                out.println("Not drained after " + timeoutSeconds + " s; still on " + host + ": " + String.join(", ", left)
                        + " (ha:progress and ha:explain tell why; the drain goes on)");
                return;
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                out.println("Stopped watching; the drain goes on (ha:progress, ha:cancel).");
                Thread.currentThread().interrupt();
                return;
            }
            List<String> now = left();
            for (String moved : left) {
                if (!now.contains(moved)) {
                    out.println("  " + moved + " left " + host + (now.isEmpty() ? "" : " (" + now.size() + " to go)"));
                }
            }
            left = now;
        }
        out.println("Host " + host + " is drained.");
    }

    private List<String> left() {
        return cluster.snapshot().state().resources().values().stream().filter(r -> r.activeOn().contains(host))
                .map(r -> r.name()).toList();
    }
}

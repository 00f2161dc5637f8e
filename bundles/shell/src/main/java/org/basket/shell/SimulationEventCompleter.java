package org.basket.shell;

import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.basket.api.cluster.ClusterService;

/**
 * Completes ha:simulate events with the configured names: {@code fail:<host>}, {@code standby:<host>},
 * {@code fail-resource:<resource>}. ({@code add-vm:name:cpus:memoryMb} names a new VM, so it is typed.)
 */
@Service
public class SimulationEventCompleter implements Completer {

    @Reference
    ClusterService cluster;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        List<String> events = new ArrayList<>();
        for (String host : cluster.snapshot().config().hosts().keySet()) {
            events.add("fail:" + host);
            events.add("standby:" + host);
        }
        for (String resource : cluster.snapshot().config().resources().keySet()) {
            events.add("fail-resource:" + resource);
        }
        return new StringsCompleter(events, true).complete(session, commandLine, candidates);
    }
}

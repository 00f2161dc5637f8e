package org.basket.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.basket.api.cluster.ClusterService;

/** Completes configured resource names, case-sensitively like the names themselves. */
@Service
public class ResourceCompleter implements Completer {

    @Reference
    ClusterService cluster;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(cluster.snapshot().config().resources().keySet(), true)
                .complete(session, commandLine, candidates);
    }
}

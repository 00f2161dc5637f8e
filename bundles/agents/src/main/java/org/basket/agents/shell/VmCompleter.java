package org.basket.agents.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.basket.api.cluster.ClusterService;

/** Completes the names of the configured VM resources. */
@Service
public class VmCompleter implements Completer {

    @Reference
    ClusterService cluster;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(ConfiguredVms.of(cluster), true).complete(session, commandLine, candidates);
    }
}

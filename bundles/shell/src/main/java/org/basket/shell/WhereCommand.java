package org.basket.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.basket.api.cluster.ClusterService;
import org.basket.api.cluster.ClusterSnapshot;
import org.basket.shell.support.JsonCommand;
import org.basket.shell.view.ClusterView;

@Service
@Command(scope = "ha", name = "where", description = "Prints where a resource runs, as a chain: resource -> VM -> host.")
public class WhereCommand extends JsonCommand {

    @Reference
    ClusterService cluster;

    @Argument(index = 0, name = "resource", description = "The resource's name", required = true)
    @Completion(ResourceCompleter.class)
    String resource;

    @Override
    protected void run() {
        ClusterSnapshot snapshot = cluster.snapshot();
        if (!snapshot.config().resources().containsKey(resource)) {
            throw new IllegalArgumentException("unknown resource '" + resource + "' (configured: "
                    + String.join(", ", snapshot.config().resources().keySet()) + ")");
        }
        List<String> chain = new ClusterView(snapshot).where(resource);
        if (json) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("resource", resource);
            map.put("chain", chain);
            printJson(map);
        } else {
            out.println(String.join(" -> ", chain));
        }
    }
}

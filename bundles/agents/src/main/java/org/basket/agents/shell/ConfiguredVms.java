package org.basket.agents.shell;

import java.util.List;

import org.basket.api.cluster.ClusterService;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceKind;

final class ConfiguredVms {
    private ConfiguredVms() {
    }

    /** The VM resources of the current configuration, by name. */
    static List<String> of(ClusterService cluster) {
        return cluster.snapshot().config().resources().values().stream()
                .filter(resource -> resource.kind() == ResourceKind.VIRTUAL_MACHINE).map(Resource::name).toList();
    }
}

package org.basket.northbound.snmp;

import java.util.ArrayList;
import java.util.List;

import org.basket.api.cluster.ClusterSnapshot;
import org.basket.api.model.Capacity;
import org.basket.api.model.HostStatus;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceStatus;

/** BASKET-MIB's three tables as rows of plain values, from one snapshot: what the agent serves, kept apart from SNMP4J. */
final class ClusterRows {
    record HostRow(String name, int state, String driver, long resources, long cpusUsed, long cpus, long memoryUsed,
                   long memory, String reason) {
    }

    record ResourceRow(String name, int kind, int state, String host, String container, String reason) {
    }

    record WhereRow(String name, String vm, String host) {
    }

    private ClusterRows() {
    }

    /** basketHostState: the api's HostState in its order, from 1. */
    static List<HostRow> hosts(ClusterSnapshot snapshot) {
        List<HostRow> rows = new ArrayList<>();
        for (HostStatus host : snapshot.state().hosts().values()) {
            Capacity used = Capacity.NONE;
            long count = 0;
            for (ResourceStatus status : snapshot.state().resources().values()) {
                Resource resource = snapshot.config().resources().get(status.name());
                if (resource != null && status.activeOn().contains(host.name())) {
                    used = used.plus(resource.demand());
                    count++;
                }
            }
            var configured = snapshot.config().hosts().get(host.name());
            rows.add(new HostRow(host.name(), host.state().ordinal() + 1, configured == null ? "" : configured.driver(),
                    count, used.cpus(), host.capacity().cpus(), used.memoryMb(), host.capacity().memoryMb(), host.reason()));
        }
        return rows;
    }

    /** basketResourceKind: the api's ResourceKind in its order, from 1; basketResourceState as the MIB lists it. */
    static List<ResourceRow> resources(ClusterSnapshot snapshot) {
        List<ResourceRow> rows = new ArrayList<>();
        for (Resource resource : snapshot.config().resources().values()) {
            ResourceStatus status = snapshot.state().resource(resource.name());
            rows.add(new ResourceRow(resource.name(), resource.kind().ordinal() + 1, state(resource, status),
                    String.join(",", status.activeOn()), resource.container(), snapshot.reason(resource.name())));
        }
        return rows;
    }

    /** Every resource with the VM it runs in (a VM is its own) and the host that VM is active on. */
    static List<WhereRow> where(ClusterSnapshot snapshot) {
        List<WhereRow> rows = new ArrayList<>();
        for (Resource resource : snapshot.config().resources().values()) {
            String vm = resource.hasContainer() ? resource.container() : resource.name();
            rows.add(new WhereRow(resource.name(), vm, String.join(",", snapshot.state().resource(vm).activeOn())));
        }
        return rows;
    }

    static int state(Resource resource, ResourceStatus status) {
        if (status.maintenance()) {
            return 5;
        }
        if (status.activeOn().size() > 1) {
            return 6;
        }
        if (status.isActive()) {
            return 1;
        }
        if (!resource.enabled()) {
            return 4;
        }
        return status.failedOn().isEmpty() ? 2 : 3;
    }
}

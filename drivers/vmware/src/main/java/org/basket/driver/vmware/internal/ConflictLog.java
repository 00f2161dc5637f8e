package org.basket.driver.vmware.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.basket.api.model.HostCondition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each cluster where vSphere manages VMs Basket may manage too ({@link Conflicts}), once when it starts and once
 * when it ends, and keeps what to report of each such cluster's hosts as a host condition.
 */
final class ConflictLog {
    private static final Logger LOG = LoggerFactory.getLogger(ConflictLog.class);

    private final String endpoint;
    private final boolean coexist;
    private final Inventory inventory;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    /** What vSphere does to the VMs of each cluster, by the cluster's managed object id. */
    private volatile Map<String, List<String>> byCluster = Map.of();

    ConflictLog(String endpoint, boolean coexist, Inventory inventory) {
        this.endpoint = endpoint;
        this.coexist = coexist;
        this.inventory = inventory;
    }

    void report() {
        Map<String, List<String>> now = new TreeMap<>();
        Map<String, List<String>> clusters = new TreeMap<>();
        for (Inventory.Entry vm : inventory.all("VirtualMachine")) {
            Conflicts.of(inventory, vm).ifPresent(reason -> {
                String plural = reason.replace(" it itself", " them itself");
                now.computeIfAbsent(plural, r -> new ArrayList<>()).add(vm.text("name"));
                Conflicts.clusterOf(inventory, vm.text("runtime.host")).ifPresent(cluster -> {
                    List<String> reasons = clusters.computeIfAbsent(cluster.moid(), c -> new ArrayList<>());
                    if (!reasons.contains(plural)) {
                        reasons.add(plural);
                    }
                });
            });
        }
        byCluster = clusters;
        now.forEach((reason, vms) -> {
            if (reported.add(reason)) {
                LOG.warn("VMware driver '{}': {}: VMs {}; Basket {} them (key coexistence)", endpoint, reason, vms,
                        coexist ? "still acts on" : "does not start, stop or move");
            }
        });
        reported.removeIf(reason -> {
            if (now.containsKey(reason)) {
                return false;
            }
            LOG.info("VMware driver '{}': no longer: {}", endpoint, reason);
            return true;
        });
    }

    /** The condition of a host whose cluster's VMs vSphere manages too, if it is in such a cluster. */
    Optional<HostCondition> condition(String hostMoid) {
        return Conflicts.clusterOf(inventory, hostMoid).map(cluster -> byCluster.get(cluster.moid())).map(reasons ->
                new HostCondition("managed-elsewhere", String.join("; ", reasons) + ": Basket "
                        + (coexist ? "acts on them anyway (coexistence = allow)"
                        : "does not start, stop or move them (coexistence = refuse)")));
    }
}

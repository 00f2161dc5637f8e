package org.basket.driver.vmware.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs each cluster where vSphere manages VMs Basket may manage too ({@link Conflicts}), once when it starts and once when it ends. */
final class ConflictLog {
    private static final Logger LOG = LoggerFactory.getLogger(ConflictLog.class);

    private final String endpoint;
    private final boolean coexist;
    private final Inventory inventory;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    ConflictLog(String endpoint, boolean coexist, Inventory inventory) {
        this.endpoint = endpoint;
        this.coexist = coexist;
        this.inventory = inventory;
    }

    void report() {
        Map<String, List<String>> now = new TreeMap<>();
        for (Inventory.Entry vm : inventory.all("VirtualMachine")) {
            Conflicts.of(inventory, vm).ifPresent(reason -> now.computeIfAbsent(reason.replace(" it itself", " them itself"),
                    r -> new ArrayList<>()).add(vm.text("name")));
        }
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
}

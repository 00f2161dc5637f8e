package org.basket.driver.vmware.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.vmware.vim25.ClusterConfigInfoEx;
import com.vmware.vim25.ClusterDrsVmConfigInfo;
import com.vmware.vim25.ManagedObjectReference;

/**
 * The four-layer conflict: vSphere HA or fully automated DRS managing the same VM as Basket. HA restarts the
 * VMs of its cluster unless a VM's restart priority is disabled; DRS moves a VM by itself when its behaviour
 * (the VM's override, else the cluster's default; vSphere's default is fully automated) is fully automated.
 */
final class Conflicts {
    private Conflicts() {
    }

    /** Why vSphere manages this VM itself, if it does. */
    static Optional<String> of(Inventory inventory, Inventory.Entry vm) {
        Optional<Inventory.Entry> cluster = clusterOf(inventory, vm.text("runtime.host"));
        if (cluster.isEmpty() || !(cluster.get().get("configurationEx") instanceof ClusterConfigInfoEx config)) {
            return Optional.empty();
        }
        List<String> reasons = new ArrayList<>();
        String name = cluster.get().text("name");
        if (config.getDasConfig() != null && Boolean.TRUE.equals(config.getDasConfig().getEnabled()) && !haDisabledFor(config, vm.moid())) {
            reasons.add("vSphere HA is enabled on cluster " + name + " and restarts it itself");
        }
        if (config.getDrsConfig() != null && Boolean.TRUE.equals(config.getDrsConfig().getEnabled())
                && "fullyAutomated".equals(drsBehaviour(config, vm.moid()))) {
            reasons.add("DRS is fully automated on cluster " + name + " and moves it itself");
        }
        return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
    }

    /** The cluster a host belongs to, if it is in one. */
    static Optional<Inventory.Entry> clusterOf(Inventory inventory, String hostMoid) {
        return Optional.ofNullable(hostMoid).flatMap(inventory::get)
                .map(host -> host.get("parent")).filter(ManagedObjectReference.class::isInstance)
                .map(parent -> ((ManagedObjectReference) parent).get_value()).flatMap(inventory::get)
                .filter(entry -> entry.type().equals("ClusterComputeResource"));
    }

    private static boolean haDisabledFor(ClusterConfigInfoEx config, String vm) {
        return stream(config.getDasVmConfig()).filter(o -> o.getKey() != null && vm.equals(o.getKey().get_value()))
                .anyMatch(o -> "disabled".equals(String.valueOf(o.getRestartPriority()))
                        || o.getDasSettings() != null && "disabled".equals(o.getDasSettings().getRestartPriority()));
    }

    private static String drsBehaviour(ClusterConfigInfoEx config, String vm) {
        Optional<ClusterDrsVmConfigInfo> own = stream(config.getDrsVmConfig())
                .filter(o -> o.getKey() != null && vm.equals(o.getKey().get_value())).findFirst();
        if (own.isPresent() && Boolean.FALSE.equals(own.get().getEnabled())) {
            return "disabled";
        }
        if (own.isPresent() && own.get().getBehavior() != null) {
            return own.get().getBehavior().toString();
        }
        Object fallback = config.getDrsConfig().getDefaultVmBehavior();
        return fallback == null ? "fullyAutomated" : fallback.toString();
    }

    private static <T> java.util.stream.Stream<T> stream(T[] array) {
        return array == null ? java.util.stream.Stream.empty() : Arrays.stream(array);
    }

}

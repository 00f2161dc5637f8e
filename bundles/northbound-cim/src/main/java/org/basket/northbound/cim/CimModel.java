package org.basket.northbound.cim;

import static org.basket.northbound.cim.CimValue.bool;
import static org.basket.northbound.cim.CimValue.string;
import static org.basket.northbound.cim.CimValue.uint16;
import static org.basket.northbound.cim.CimValue.uint16s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.basket.api.cluster.ClusterSnapshot;
import org.basket.api.model.Host;
import org.basket.api.model.HostState;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceKind;
import org.basket.api.model.ResourceStatus;

/**
 * The cluster as CIM instances, made from one snapshot: each configured host a {@value CimClasses#HOST}, each VM a
 * {@value CimClasses#VM} with a {@value CimClasses#HOSTED_DEPENDENCY} to every host it is active on or blocked on (its
 * stop failed there and no fence can clear it: it may still run there), each guest service a
 * {@value CimClasses#GUEST_SERVICE} with a {@value CimClasses#HOSTED_SERVICE} to its VM.
 */
final class CimModel {
    // CIM_EnabledLogicalElement.EnabledState
    static final int ENABLED = 2;
    static final int DISABLED = 3;
    static final int UNKNOWN = 0;
    static final int QUIESCE = 9;
    // CIM_ManagedSystemElement.OperationalStatus and HealthState
    static final int OK = 2;
    static final int ERROR = 6;
    static final int STOPPED = 10;
    static final int IN_SERVICE = 11;
    static final int LOST_COMMUNICATION = 13;
    static final int HEALTH_OK = 5;
    static final int HEALTH_MAJOR_FAILURE = 20;

    private final List<CimInstance> instances = new ArrayList<>();

    private CimModel() {
    }

    static CimModel of(ClusterSnapshot snapshot) {
        CimModel model = new CimModel();
        snapshot.config().hosts().values().forEach(host -> model.instances.add(host(host,
                snapshot.state().hostState(host.name()), snapshot.state().hosts().containsKey(host.name())
                        ? snapshot.state().hosts().get(host.name()).reason() : "")));
        for (Resource resource : snapshot.config().resources().values()) {
            ResourceStatus status = snapshot.state().resource(resource.name());
            if (resource.kind() == ResourceKind.VIRTUAL_MACHINE) {
                model.instances.add(vm(resource, status, snapshot.reason(resource.name())));
                hostsOf(status).stream().filter(snapshot.config().hosts()::containsKey).forEach(host ->
                        model.instances.add(association(CimClasses.HOSTED_DEPENDENCY, hostName(host), vmName(resource.name()))));
            } else if (resource.kind() == ResourceKind.GUEST_SERVICE && resource.hasContainer()) {
                model.instances.add(guestService(resource, status));
                model.instances.add(association(CimClasses.HOSTED_SERVICE, vmName(resource.container()),
                        serviceName(resource)));
            }
        }
        return model;
    }

    private static Set<String> hostsOf(ResourceStatus status) {
        Set<String> hosts = new TreeSet<>(status.activeOn());
        if (status.isBlocked()) {
            hosts.add(status.blockedOn());
        }
        return hosts;
    }

    List<CimInstance> instances() {
        return instances;
    }

    static InstanceName hostName(String host) {
        return InstanceName.of(CimClasses.HOST, "CreationClassName", CimClasses.HOST, "Name", host);
    }

    static InstanceName vmName(String vm) {
        return InstanceName.of(CimClasses.VM, "CreationClassName", CimClasses.VM, "Name", vm);
    }

    static InstanceName serviceName(Resource service) {
        return InstanceName.of(CimClasses.GUEST_SERVICE, "SystemCreationClassName", CimClasses.VM, "SystemName",
                service.container(), "CreationClassName", CimClasses.GUEST_SERVICE, "Name", service.name());
    }

    private static CimInstance host(Host host, HostState state, String reason) {
        Map<String, CimValue> p = new LinkedHashMap<>();
        p.put("ElementName", string(host.name()));
        p.put("EnabledState", uint16(switch (state) {
            case ONLINE, MAINTENANCE -> ENABLED;
            case STANDBY -> QUIESCE;
            case OFFLINE -> DISABLED;
            case SUSPECT, UNCLEAN, UNMANAGED -> UNKNOWN;
        }));
        p.put("OperationalStatus", switch (state) {
            case ONLINE, STANDBY -> uint16s(OK);
            case MAINTENANCE -> uint16s(IN_SERVICE);
            case OFFLINE -> uint16s(STOPPED);
            case SUSPECT -> uint16s(LOST_COMMUNICATION);
            case UNCLEAN -> uint16s(ERROR, LOST_COMMUNICATION);
            case UNMANAGED -> uint16s(UNKNOWN);
        });
        p.put("HealthState", uint16(state == HostState.UNCLEAN ? HEALTH_MAJOR_FAILURE : state == HostState.ONLINE
                || state == HostState.STANDBY ? HEALTH_OK : UNKNOWN));
        p.put("StatusDescriptions", CimValue.strings(reason.isEmpty() ? List.of() : List.of(reason)));
        p.put("BasketState", string(state.name()));
        p.put("BasketDriver", string(host.driver()));
        return new CimInstance(hostName(host.name()), p);
    }

    private static CimInstance vm(Resource vm, ResourceStatus status, String reason) {
        Map<String, CimValue> p = new LinkedHashMap<>();
        p.put("ElementName", string(vm.domain()));
        p.put("EnabledState", enabledState(status));
        p.put("RequestedState", uint16(vm.enabled() ? ENABLED : DISABLED));
        p.put("OperationalStatus", operationalStatus(status));
        p.put("HealthState", uint16(status.failedOn().isEmpty() && !status.isBlocked() ? HEALTH_OK
                : HEALTH_MAJOR_FAILURE));
        p.put("StatusDescriptions", CimValue.strings(reason.isEmpty() ? List.of() : List.of(reason)));
        p.put("BasketState", string(ResourceWords.of(vm, status)));
        p.put("BasketHost", string(String.join(",", status.activeOn())));
        p.put("BasketBlockedOn", string(status.blockedOn()));
        return new CimInstance(vmName(vm.name()), p);
    }

    /** Not seen active but blocked where its stop failed: unknown, it may still run there. */
    private static CimValue enabledState(ResourceStatus status) {
        return uint16(status.isActive() ? ENABLED : status.isBlocked() ? UNKNOWN : DISABLED);
    }

    /** A blocked resource is in error (its stop failed), even where it still runs. */
    private static CimValue operationalStatus(ResourceStatus status) {
        if (status.isBlocked()) {
            return uint16s(ERROR);
        }
        return status.isActive() ? uint16s(OK) : status.failedOn().isEmpty() ? uint16s(STOPPED) : uint16s(ERROR);
    }

    private static CimInstance guestService(Resource service, ResourceStatus status) {
        Map<String, CimValue> p = new LinkedHashMap<>();
        p.put("ElementName", string(service.name()));
        p.put("Started", bool(status.isActive()));
        p.put("EnabledState", enabledState(status));
        p.put("OperationalStatus", operationalStatus(status));
        p.put("BasketState", string(ResourceWords.of(service, status)));
        p.put("BasketBlockedOn", string(status.blockedOn()));
        return new CimInstance(serviceName(service), p);
    }

    private static CimInstance association(String className, InstanceName antecedent, InstanceName dependent) {
        Map<String, CimValue> keys = new LinkedHashMap<>();
        keys.put("Antecedent", new CimValue.Reference(antecedent));
        keys.put("Dependent", new CimValue.Reference(dependent));
        return new CimInstance(new InstanceName(className, keys), Map.of());
    }
}

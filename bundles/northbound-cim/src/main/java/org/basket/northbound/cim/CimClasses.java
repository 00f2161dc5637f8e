package org.basket.northbound.cim;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The classes this server knows, each with its superclass: the DMTF classes the virtualization profiles use and
 * Basket's own below them. CIM class names compare without regard to case.
 */
final class CimClasses {
    static final String HOST = "Basket_HostComputerSystem";
    static final String VM = "Basket_VirtualComputerSystem";
    static final String GUEST_SERVICE = "Basket_GuestService";
    static final String HOSTED_DEPENDENCY = "Basket_HostedDependency";
    static final String HOSTED_SERVICE = "Basket_HostedService";

    private static final Map<String, String> SUPERCLASS = Map.ofEntries(
            Map.entry("CIM_ManagedElement", ""),
            Map.entry("CIM_ManagedSystemElement", "CIM_ManagedElement"),
            Map.entry("CIM_LogicalElement", "CIM_ManagedSystemElement"),
            Map.entry("CIM_EnabledLogicalElement", "CIM_LogicalElement"),
            Map.entry("CIM_System", "CIM_EnabledLogicalElement"),
            Map.entry("CIM_ComputerSystem", "CIM_System"),
            Map.entry(HOST, "CIM_ComputerSystem"),
            Map.entry(VM, "CIM_ComputerSystem"),
            Map.entry("CIM_Service", "CIM_EnabledLogicalElement"),
            Map.entry(GUEST_SERVICE, "CIM_Service"),
            Map.entry("CIM_Dependency", ""),
            Map.entry("CIM_HostedDependency", "CIM_Dependency"),
            Map.entry(HOSTED_DEPENDENCY, "CIM_HostedDependency"),
            Map.entry("CIM_HostedService", "CIM_HostedDependency"),
            Map.entry(HOSTED_SERVICE, "CIM_HostedService"));

    private CimClasses() {
    }

    /** The class as this server spells it, if it knows it. */
    static Optional<String> known(String name) {
        return SUPERCLASS.keySet().stream().filter(c -> c.equalsIgnoreCase(name)).findFirst();
    }

    /** Whether {@code name} is {@code ancestor} or one of its subclasses. */
    static boolean isA(String name, String ancestor) {
        for (String c = name; c != null && !c.isEmpty(); c = SUPERCLASS.get(c)) {
            if (c.equalsIgnoreCase(ancestor)) {
                return true;
            }
        }
        return false;
    }

    static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}

package org.basket.driver.powervm.internal;

import java.util.List;
import java.util.Set;

import org.basket.api.driver.DomainState;
import org.w3c.dom.Element;

/** The HMC's ManagedSystem and LogicalPartition entries, as far as Basket reads them. */
final class HmcModel {
    /** Managed system states in which the HMC can run partitions on it. */
    private static final Set<String> IN_CONTACT = Set.of("operating", "standby");

    private HmcModel() {
    }

    /** A managed system: memory in MB, processor units as the HMC counts them (1.0 = one core). */
    record ManagedSystem(String uuid, String name, String state, long memoryMb, long freeMemoryMb, double procUnits,
                         double freeProcUnits) {
        boolean inContact() {
            return IN_CONTACT.contains(state);
        }
    }

    /** A logical partition and the managed system it is defined on. */
    record Partition(String uuid, String name, String state, String systemUuid, long memoryMb, double procUnits,
                     boolean srrCapable) {
        DomainState domainState() {
            return switch (state) {
                case "running", "open firmware", "starting", "shutting down" -> DomainState.RUNNING;
                case "migrating running" -> DomainState.MIGRATING;
                case "not activated", "not available", "migrating not active" -> DomainState.SHUTOFF;
                case "error" -> DomainState.CRASHED;
                default -> DomainState.UNKNOWN;
            };
        }
    }

    static List<ManagedSystem> systems(Element feed) {
        return Xml.all(feed, "ManagedSystem").stream().filter(HmcModel::isContent).map(HmcModel::system).toList();
    }

    static ManagedSystem system(Element e) {
        return new ManagedSystem(Xml.text(e, "AtomID"), Xml.childText(e, "SystemName"), Xml.childText(e, "State"),
                number(Xml.text(e, "ConfigurableSystemMemory")), number(Xml.text(e, "CurrentAvailableSystemMemory")),
                decimal(Xml.text(e, "ConfigurableSystemProcessorUnits")), decimal(Xml.text(e, "CurrentAvailableSystemProcessorUnits")));
    }

    static List<Partition> partitions(Element feed) {
        return Xml.all(feed, "LogicalPartition").stream().filter(HmcModel::isContent).map(HmcModel::partition).toList();
    }

    static Partition partition(Element e) {
        String system = Xml.first(e, "AssociatedManagedSystem").map(a -> a.getAttribute("href")).orElse("");
        return new Partition(Xml.childText(e, "PartitionUUID"), Xml.childText(e, "PartitionName"), Xml.childText(e, "PartitionState"),
                system.substring(system.lastIndexOf('/') + 1), number(Xml.text(e, "CurrentMemory")),
                decimal(Xml.text(e, "CurrentProcessingUnits")), "true".equals(Xml.childText(e, "SimplifiedRemoteRestartCapable")));
    }

    /** The content element of an entry, not a same-named element nested in another (the feed's title, a link). */
    private static boolean isContent(Element e) {
        return e.getParentNode() instanceof Element parent && "content".equals(parent.getLocalName());
    }

    private static long number(String text) {
        try {
            return text.isEmpty() ? 0 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static double decimal(String text) {
        try {
            return text.isEmpty() ? 0 : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

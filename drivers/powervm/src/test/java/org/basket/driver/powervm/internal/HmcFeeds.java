package org.basket.driver.powervm.internal;

import java.util.List;
import java.util.UUID;

/**
 * The simulated HMC's Atom feeds and entries of its managed systems, partitions and jobs, as the HMC's REST API
 * writes them (in {@link HmcXml}'s words). Called with the {@link HmcWorld}'s lock held.
 */
final class HmcFeeds {
    static final String UOM_PATH = "/rest/api/uom/";

    private final String base;
    private final HmcWorld world;

    /** {@code base}: the HMC's https://host:port, which the entries' links start with. */
    HmcFeeds(String base, HmcWorld world) {
        this.base = base;
        this.world = world;
    }

    String systems() {
        return HmcXml.feed(base, UOM_PATH + "ManagedSystem", world.systems.values().stream().map(this::system).toList());
    }

    String partitions() {
        return HmcXml.feed(base, UOM_PATH + "LogicalPartition", world.partitions.values().stream().map(this::partition).toList());
    }

    /** The feed of one system's partitions, at {@code path} under /rest/api/uom/. */
    String partitionsOf(SimulatedSystem system, String path) {
        List<String> entries = world.partitions.values().stream().filter(l -> l.system == system).map(this::partition).toList();
        return HmcXml.feed(base, UOM_PATH + path, entries);
    }

    String system(SimulatedSystem s) {
        long running = world.active(s);
        String body = "    <AssociatedSystemMemoryConfiguration kb=\"CUD\" kxe=\"false\" schemaVersion=\"V1_0\">\n"
                + HmcXml.element("ConfigurableSystemMemory", s.memoryMb)
                + HmcXml.element("CurrentAvailableSystemMemory", world.freeMemoryMb(s))
                + HmcXml.element("InstalledSystemMemory", s.memoryMb) + "    </AssociatedSystemMemoryConfiguration>\n"
                + "    <AssociatedSystemProcessorConfiguration kb=\"CUD\" kxe=\"false\" schemaVersion=\"V1_0\">\n"
                + HmcXml.element("ConfigurableSystemProcessorUnits", s.procHundredths / 100.0)
                + HmcXml.element("CurrentAvailableSystemProcessorUnits", (s.procHundredths - running * 50) / 100.0)
                + HmcXml.element("InstalledSystemProcessorUnits", s.procHundredths / 100.0)
                + "    </AssociatedSystemProcessorConfiguration>\n"
                + HmcXml.element("State", s.state) + HmcXml.element("SystemName", s.name);
        return HmcXml.entry(base, UOM_PATH + "ManagedSystem/" + s.uuid, s.uuid, "ManagedSystem", "uom",
                HmcXml.root("ManagedSystem", HmcXml.UOM, s.uuid, body));
    }

    String partition(SimulatedPartition l) {
        String body = HmcXml.element("PartitionID", l.id)
                + "    <PartitionMemoryConfiguration kb=\"CUD\" kxe=\"false\" schemaVersion=\"V1_0\">\n"
                + HmcXml.element("CurrentMemory", l.state.equals("not activated") ? 0 : HmcWorld.PARTITION_MEMORY_MB)
                + HmcXml.element("DesiredMemory", HmcWorld.PARTITION_MEMORY_MB)
                + "    </PartitionMemoryConfiguration>\n" + HmcXml.element("PartitionName", l.name)
                + HmcXml.element("CurrentProcessingUnits", 0.5) + HmcXml.element("PartitionState", l.state)
                + HmcXml.element("PartitionType", "AIX/Linux") + HmcXml.element("PartitionUUID", l.uuid)
                + "    <AssociatedManagedSystem kb=\"CUD\" kxe=\"false\" href=\"" + base + UOM_PATH + "ManagedSystem/" + l.system.uuid
                + "\" rel=\"related\"/>\n" + HmcXml.element("RemoteRestartCapable", false)
                + HmcXml.element("SimplifiedRemoteRestartCapable", l.srrCapable);
        return HmcXml.entry(base, UOM_PATH + "LogicalPartition/" + l.uuid, l.uuid, "LogicalPartition", "uom",
                HmcXml.root("LogicalPartition", HmcXml.UOM, l.uuid, body));
    }

    String job(SimulatedJob j) {
        StringBuilder tasks = new StringBuilder("        <CompletedTasks kb=\"ROR\" kxe=\"false\" schemaVersion=\"V1_0\">\n");
        j.tasks.forEach(t -> tasks.append("            <NLSMessage schemaVersion=\"V1_0\">\n").append(HmcXml.element("UntranslatedMessage", t))
                .append(HmcXml.element("MessageKey", t.toUpperCase())).append("            </NLSMessage>\n"));
        tasks.append("        </CompletedTasks>\n");
        String body = "    <RequestURL kb=\"ROR\" kxe=\"false\" href=\"" + j.group + "/" + j.target + "/do/" + j.operation
                + "\" rel=\"via\" title=\"The URL to which the JobRequest was submitted.\"/>\n" + HmcXml.element("TargetUuid", j.target)
                + HmcXml.element("JobID", j.id) + HmcXml.element("TimeStarted", j.started) + HmcXml.element("TimeCompleted", j.completed)
                + HmcXml.element("Status", j.status)
                + "    <JobRequestInstance kb=\"ROR\" kxe=\"false\" schemaVersion=\"V1_0\">\n"
                + "    <RequestedOperation kb=\"CUR\" kxe=\"false\" schemaVersion=\"V1_0\">\n" + HmcXml.element("OperationName", j.operation)
                + HmcXml.element("GroupName", j.group) + "    </RequestedOperation>\n" + HmcXml.jobParameters("JobParameters", j.parameters)
                + "    </JobRequestInstance>\n    <Progress kb=\"ROO\" kxe=\"false\" schemaVersion=\"V1_0\">\n" + tasks
                + HmcXml.element("LinearProgress", j.progress) + "    </Progress>\n" + HmcXml.jobParameters("Results", j.results);
        return HmcXml.entry(base, UOM_PATH + "jobs/" + j.id, UUID.nameUUIDFromBytes(j.id.getBytes()).toString(), "JobResponse", "web",
                HmcXml.root("JobResponse", HmcXml.WEB, null, body));
    }
}

package org.basket.pacemaker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.basket.api.model.Capacity;
import org.basket.api.model.Constraint;
import org.basket.api.model.Host;
import org.basket.api.model.HostStatus;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceKind;
import org.basket.api.model.Score;

/**
 * An import as Basket's {@code etc/} files, file name to content: a driver endpoint for the hosts (libvirt when the
 * CIB has VirtualDomain resources, else the simulator, sized as the nodes' utilization says), one file per host,
 * VM, constraint and fence device. What the files cannot say is in {@link #unmapped}: host services (Basket's
 * configuration takes VMs and guest services) and names too long for a file.
 */
public final class EtcFiles {
    private final SortedMap<String, String> files = new TreeMap<>();
    private final List<Unmapped> unmapped = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private EtcFiles() {
    }

    public SortedMap<String, String> files() {
        return files;
    }

    /** Settings of the manager's own file that the operator adjusts by hand. */
    public List<String> notes() {
        return notes;
    }

    /** What the import could map to the model but the files cannot hold. */
    public List<Unmapped> unmapped() {
        return unmapped;
    }

    public static EtcFiles of(CibImport cib, String source) {
        EtcFiles etc = new EtcFiles();
        etc.write(cib, "# Imported from the Pacemaker CIB " + source + " by scripts/import-cib.sh (ha:import-cib)\n");
        return etc;
    }

    private void write(CibImport cib, String header) {
        boolean libvirt = cib.config().hosts().values().stream()
                .anyMatch(h -> h.driver().equals(CibMapper.LIBVIRT_DRIVER));
        String driver = libvirt ? CibMapper.LIBVIRT_DRIVER : CibMapper.SIM_DRIVER;
        StringBuilder endpoint = new StringBuilder(header);
        if (libvirt) {
            endpoint.append("# The hosts' VirtualDomain resources: each host's address is its libvirt URI over SSH.\n");
            endpoint.append("type = libvirt\n");
        } else {
            endpoint.append("# No VirtualDomain resources: the hosts are simulated, sized as the nodes' utilization.\n");
            endpoint.append("type = sim\n");
            for (HostStatus h : cib.state().hosts().values()) {
                Capacity c = h.capacity();
                if (c.cpus() > 0) {
                    endpoint.append("host.").append(h.name()).append(".cpus = ").append(c.cpus()).append('\n');
                }
                if (c.memoryMb() > 0) {
                    endpoint.append("host.").append(h.name()).append(".memory.mb = ").append(c.memoryMb()).append('\n');
                }
            }
        }
        files.put("org.basket.driver-" + driver + ".cfg", endpoint.toString());
        for (Host h : cib.config().hosts().values()) {
            StringBuilder b = new StringBuilder(header);
            b.append("driver = ").append(h.driver()).append('\n');
            if (!h.address().equals(h.name())) {
                b.append("address = ").append(h.address()).append('\n');
            }
            if (!h.attributes().isEmpty()) {
                b.append("attributes = ").append(h.attributes().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "))).append('\n');
            }
            files.put("org.basket.host-" + h.name() + ".cfg", b.toString());
        }
        for (Resource r : cib.config().resources().values()) {
            if (r.kind() != ResourceKind.VIRTUAL_MACHINE) {
                unmapped.add(new Unmapped("primitive", r.name(), "not a VirtualDomain: a service on the host itself,"
                        + " which Basket's configuration does not take yet (kind vm or guest-service)"));
                continue;
            }
            StringBuilder b = new StringBuilder(header);
            b.append("kind = vm\n");
            if (!r.domain().equals(r.name())) {
                b.append("domain = ").append(r.domain()).append('\n');
            }
            if (r.demand().cpus() > 0) {
                b.append("cpus = ").append(r.demand().cpus()).append('\n');
            }
            if (r.demand().memoryMb() > 0) {
                b.append("memory.mb = ").append(r.demand().memoryMb()).append('\n');
            }
            b.append("migratable = ").append(r.migratable()).append('\n');
            b.append("priority = ").append(r.priority()).append('\n');
            if (r.rank() != 0) {
                b.append("rank = ").append(r.rank()).append('\n');
            }
            if (r.hasOwnStickiness()) {
                b.append("stickiness = ").append(r.stickiness()).append('\n');
            }
            b.append("enabled = ").append(r.enabled()).append('\n');
            b.append("migration.threshold = ").append(r.migrationThreshold()).append('\n');
            b.append("failure.timeout.ms = ").append(r.failureTimeout().toMillis()).append('\n');
            files.put("org.basket.resource-" + r.name() + ".cfg", b.toString());
        }
        for (Constraint c : cib.config().constraints()) {
            if (c instanceof Constraint.Container) {
                continue;
            }
            if (!c.name().matches(CibMapper.NAME)) {
                unmapped.add(new Unmapped("constraint", c.name(), "the name is longer than 64 characters"));
                continue;
            }
            files.put("org.basket.constraint-" + c.name() + ".cfg", header + constraint(c));
        }
        for (CibImport.FenceDevice d : cib.fenceDevices()) {
            if (d.hosts().isEmpty()) {
                unmapped.add(new Unmapped("primitive", d.id(), "a fence device without pcmk_host_list: Basket's fence"
                        + " files name the host each device fences"));
                continue;
            }
            for (String host : d.hosts()) {
                StringBuilder b = new StringBuilder(header);
                b.append("host = ").append(host).append('\n');
                b.append("level = ").append(d.level(host)).append('\n');
                b.append("agent = ").append(d.agent()).append('\n');
                for (Map.Entry<String, String> p : new TreeMap<>(d.parameters()).entrySet()) {
                    if (!p.getKey().startsWith("pcmk_")) {
                        b.append(p.getKey()).append(" = ").append(p.getValue()).append('\n');
                    }
                }
                files.put("org.basket.fence-" + host + "-" + d.id() + ".cfg", b.toString());
            }
        }
        if (cib.packs()) {
            notes.add("set placement.strategy = first-fit in org.basket.manager.cfg (Pacemaker's placement-strategy"
                    + " minimal)");
        }
        notes.add("set resource.stickiness = " + cib.stickiness() + " in org.basket.manager.cfg (Pacemaker's"
                + " resource-stickiness; Basket's default is 100)");
    }

    private static String constraint(Constraint c) {
        if (c instanceof Constraint.Location l) {
            return "type = location\nresource = " + l.resource() + "\nhost = " + l.host() + "\nscore = "
                    + Score.format(l.score()) + "\n";
        }
        if (c instanceof Constraint.LocationRule l) {
            return "type = location-rule\nresource = " + l.resource() + "\nattribute = " + l.attribute()
                    + "\noperation = " + l.operation().word() + "\n"
                    + (l.operation().takesValue() ? "value = " + l.value() + "\n" : "")
                    + "score = " + Score.format(l.score()) + "\n";
        }
        if (c instanceof Constraint.Colocation co) {
            return "type = colocation\nresource = " + co.resource() + "\nwith = " + co.with() + "\nscore = "
                    + Score.format(co.score()) + "\n";
        }
        if (c instanceof Constraint.ColocationSet s) {
            return "type = colocation-set\nresources = " + String.join(", ", s.members()) + "\nscore = "
                    + Score.format(s.score()) + "\n";
        }
        Constraint.Order o = (Constraint.Order) c;
        return "type = order\nfirst = " + o.first() + "\nthen = " + o.then() + "\nmandatory = " + o.mandatory() + "\n";
    }
}

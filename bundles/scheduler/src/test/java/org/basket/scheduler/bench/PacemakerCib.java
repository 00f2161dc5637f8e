package org.basket.scheduler.bench;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.basket.api.model.Constraint;
import org.basket.api.model.HostState;
import org.basket.api.model.HostStatus;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceStatus;
import org.basket.api.model.Score;

/**
 * Writes a configuration and an observed state as a Pacemaker CIB for {@code crm_simulate} (Pacemaker 2.1):
 *
 * <ul>
 * <li>a host is a node; online and standby hosts are members (standby: the node attribute {@code standby=on}), an
 * unclean host is a member that left the membership (Pacemaker fences it); a stonith device
 * ({@code fence_dummy}) runs on the first online host;</li>
 * <li>a VM is an {@code ocf:pacemaker:Dummy} primitive with {@code allow-migrate} = migratable and Basket's
 * priority as {@code priority};</li>
 * <li>a guest service is a Dummy primitive colocated with its VM ({@code INFINITY}) and ordered after it
 * (Mandatory): Pacemaker has no service inside a VM, so it stops and starts the service when the VM moves;</li>
 * <li>colocations (anti-affinity included) and locations keep their scores; a mandatory order is a Mandatory
 * {@code rsc_order}, an optional one Optional;</li>
 * <li>what runs where is an {@code lrm_rsc_op} start record; {@code enable-startup-probes=false} spares the
 * probes of every resource on every node that Basket does not make either; stickiness as Basket's;
 * capacity is left out ({@code placement-strategy=default}).</li>
 * </ul>
 */
public final class PacemakerCib {
    private static final String FEATURE_SET = "3.16.1"; // Pacemaker 2.1.5 refuses status updates above its own
    private static final String DIGEST = "f2317cad3d54cec5d7d7aa7d0bf35cf8"; // a Dummy without parameters

    private PacemakerCib() {
    }

    public static void write(ClusterConfig config, ClusterState state, int stickiness, Writer out) throws IOException {
        Map<String, Integer> ids = new LinkedHashMap<>();
        String fenceHost = null;
        for (HostStatus host : state.hosts().values()) {
            ids.put(host.name(), ids.size() + 1);
            if (fenceHost == null && host.state() == HostState.ONLINE) {
                fenceHost = host.name();
            }
        }
        out.write("<cib crm_feature_set=\"" + FEATURE_SET + "\" validate-with=\"pacemaker-3.8\" epoch=\"1\""
                + " num_updates=\"0\" admin_epoch=\"0\" have-quorum=\"1\" dc-uuid=\""
                + (fenceHost == null ? 1 : ids.get(fenceHost)) + "\">\n");
        out.write("  <configuration>\n    <crm_config>\n      <cluster_property_set id=\"cib-bootstrap-options\">\n");
        nvpair(out, "opt", "stonith-enabled", "true");
        nvpair(out, "opt", "no-quorum-policy", "ignore");
        nvpair(out, "opt", "enable-startup-probes", "false");
        nvpair(out, "opt", "placement-strategy", "default");
        out.write("      </cluster_property_set>\n    </crm_config>\n    <nodes>\n");
        for (HostStatus host : state.hosts().values()) {
            int id = ids.get(host.name());
            if (host.state() == HostState.STANDBY) {
                out.write("      <node id=\"" + id + "\" uname=\"" + host.name() + "\"><instance_attributes id=\"node"
                        + id + "-attrs\"><nvpair id=\"node" + id + "-standby\" name=\"standby\" value=\"on\"/>"
                        + "</instance_attributes></node>\n");
            } else {
                out.write("      <node id=\"" + id + "\" uname=\"" + host.name() + "\"/>\n");
            }
        }
        out.write("    </nodes>\n    <resources>\n");
        out.write("      <primitive id=\"fencing\" class=\"stonith\" type=\"fence_dummy\"/>\n");
        List<String> implied = new ArrayList<>();
        for (Resource r : config.resources().values()) {
            out.write("      <primitive id=\"" + r.name() + "\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\">"
                    + "<meta_attributes id=\"" + r.name() + "-meta\">");
            out.write("<nvpair id=\"" + r.name() + "-allow-migrate\" name=\"allow-migrate\" value=\""
                    + (r.migratable() && !r.hasContainer()) + "\"/>");
            if (r.priority() != 0) {
                out.write("<nvpair id=\"" + r.name() + "-priority\" name=\"priority\" value=\"" + r.priority() + "\"/>");
            }
            if (!r.enabled()) {
                out.write("<nvpair id=\"" + r.name() + "-target-role\" name=\"target-role\" value=\"Stopped\"/>");
            }
            out.write("</meta_attributes></primitive>\n");
            if (r.hasContainer()) {
                implied.add("      <rsc_colocation id=\"" + r.name() + "-in-" + r.container() + "\" rsc=\"" + r.name()
                        + "\" with-rsc=\"" + r.container() + "\" score=\"INFINITY\"/>\n");
                implied.add("      <rsc_order id=\"" + r.container() + "-then-" + r.name() + "\" first=\""
                        + r.container() + "\" then=\"" + r.name() + "\" kind=\"Mandatory\"/>\n");
            }
        }
        out.write("    </resources>\n    <constraints>\n");
        for (Constraint c : config.constraints()) {
            if (c instanceof Constraint.Location l) {
                out.write("      <rsc_location id=\"" + l.name() + "\" rsc=\"" + l.resource() + "\" node=\"" + l.host()
                        + "\" score=\"" + Score.format(l.score()) + "\"/>\n");
            } else if (c instanceof Constraint.Colocation co) {
                out.write("      <rsc_colocation id=\"" + co.name() + "\" rsc=\"" + co.resource() + "\" with-rsc=\""
                        + co.with() + "\" score=\"" + Score.format(co.score()) + "\"/>\n");
            } else if (c instanceof Constraint.Order o) {
                out.write("      <rsc_order id=\"" + o.name() + "\" first=\"" + o.first() + "\" then=\"" + o.then()
                        + "\" kind=\"" + (o.mandatory() ? "Mandatory" : "Optional") + "\"/>\n");
            }
        }
        for (String line : implied) {
            out.write(line);
        }
        out.write("    </constraints>\n    <rsc_defaults>\n      <meta_attributes id=\"rsc-options\">\n");
        nvpair(out, "rsc", "resource-stickiness", Integer.toString(stickiness));
        out.write("      </meta_attributes>\n    </rsc_defaults>\n  </configuration>\n  <status>\n");

        Map<String, List<String>> running = new LinkedHashMap<>();
        for (ResourceStatus s : state.resources().values()) {
            for (String host : s.activeOn()) {
                running.computeIfAbsent(host, h -> new ArrayList<>()).add(s.name());
            }
        }
        for (HostStatus host : state.hosts().values()) {
            int id = ids.get(host.name());
            boolean member = host.state() == HostState.ONLINE || host.state() == HostState.STANDBY;
            out.write("    <node_state id=\"" + id + "\" uname=\"" + host.name() + "\" "
                    + (member ? "in_ccm=\"true\" crmd=\"online\" join=\"member\""
                    : "in_ccm=\"false\" crmd=\"offline\" join=\"down\"")
                    + " expected=\"" + (host.state() == HostState.OFFLINE ? "down" : "member") + "\">\n");
            out.write("      <lrm id=\"" + id + "\">\n        <lrm_resources>\n");
            if (host.name().equals(fenceHost)) {
                started(out, "fencing", "class=\"stonith\" type=\"fence_dummy\"");
            }
            for (String resource : running.getOrDefault(host.name(), List.of())) {
                started(out, resource, "class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"");
            }
            out.write("        </lrm_resources>\n      </lrm>\n    </node_state>\n");
        }
        out.write("  </status>\n</cib>\n");
    }

    private static void started(Writer out, String resource, String agent) throws IOException {
        out.write("          <lrm_resource id=\"" + resource + "\" " + agent + "><lrm_rsc_op id=\"" + resource
                + "_last_0\" operation_key=\"" + resource + "_start_0\" operation=\"start\""
                + " crm-debug-origin=\"basket\" crm_feature_set=\"" + FEATURE_SET + "\""
                + " transition-key=\"1:0:0:basket\" transition-magic=\"0:0;1:0:0:basket\" exit-reason=\"\""
                + " call-id=\"1\" rc-code=\"0\" op-status=\"0\" interval=\"0\" last-rc-change=\"1700000000\""
                + " exec-time=\"0\" queue-time=\"0\" op-digest=\"" + DIGEST + "\"/></lrm_resource>\n");
    }

    private static void nvpair(Writer out, String prefix, String name, String value) throws IOException {
        out.write("        <nvpair id=\"" + prefix + "-" + name + "\" name=\"" + name + "\" value=\"" + value + "\"/>\n");
    }
}

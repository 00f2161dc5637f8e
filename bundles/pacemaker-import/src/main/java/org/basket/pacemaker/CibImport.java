package org.basket.pacemaker;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.w3c.dom.Document;

/**
 * A CIB in Basket's words.
 *
 * @param config      hosts (nodes), resources (primitives; {@code VirtualDomain} as VMs, the rest as host services),
 *                    constraints (groups become the colocations and orders of their members)
 * @param state       the status section as Basket's observed state: node membership, what runs or failed where,
 *                    fail counts
 * @param stickiness  the resources' stickiness ({@code rsc_defaults}; Pacemaker's default 0)
 * @param fencing     whether the cluster fences ({@code stonith-enabled})
 * @param utilization whether placement heeds utilization ({@code placement-strategy} other than {@code default})
 * @param packs       whether placement packs resources onto few nodes ({@code placement-strategy=minimal}: Basket's
 *                    first-fit) rather than spreading them (Basket's balanced)
 * @param now         the CIB's {@code execution-date}, if it has one: the time its fail counts are judged at
 * @param fenceDevices the stonith primitives, which Basket configures as fence files instead
 * @param fenceDevicesOn where Pacemaker runs each of them (it places them like resources; Basket does not)
 * @param fenceRanks  the place of each of them among the CIB's primitives (a resource's {@link org.basket.api.model.Resource#rank})
 * @param unmapped    what Basket cannot take over, element by element
 * @param commands    what the operator runs after the import to bring over state that is not configuration
 *                    (standby and maintenance of nodes and resources)
 */
public record CibImport(ClusterConfig config, ClusterState state, int stickiness, boolean fencing,
                        boolean utilization, boolean packs, Optional<Instant> now, List<FenceDevice> fenceDevices,
                        Map<String, List<String>> fenceDevicesOn, Map<String, Integer> fenceRanks,
                        List<Unmapped> unmapped, List<String> commands) {
    public CibImport {
        fenceDevices = List.copyOf(fenceDevices);
        fenceDevicesOn = Map.copyOf(fenceDevicesOn);
        fenceRanks = Map.copyOf(fenceRanks);
        unmapped = List.copyOf(unmapped);
        commands = List.copyOf(commands);
    }

    /** A stonith primitive: its agent, the hosts it fences, its parameters and its level per host (default 1). */
    public record FenceDevice(String id, String agent, List<String> hosts, Map<String, String> parameters,
                              Map<String, Integer> levels) {
        public FenceDevice {
            hosts = List.copyOf(hosts);
            parameters = Map.copyOf(parameters);
            levels = Map.copyOf(levels);
        }

        public int level(String host) {
            return levels.getOrDefault(host, 1);
        }
    }

    public boolean complete() {
        return unmapped.isEmpty();
    }

    public static CibImport of(Document cib) {
        CibMapper mapper = new CibMapper(cib.getDocumentElement());
        return mapper.map();
    }

    public static CibImport read(InputStream in, String source) throws CibException {
        return of(CibParser.parse(in, source));
    }
}

package org.basket.northbound.snmp;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.ClusterSnapshot;
import org.basket.api.cluster.EventKind;
import org.basket.api.model.Capacity;
import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.basket.api.model.Host;
import org.basket.api.model.HostState;
import org.basket.api.model.HostStatus;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceStatus;
import org.basket.api.plan.Transition;

/**
 * Measures the SNMP interface (scripts/bench-snmp.sh; not a test): what hearing an event costs the manager's event
 * thread while one inform target never answers, how soon a real snmptrapd has them all, and how long snmpwalk and
 * snmpbulkwalk take over the where table of {@code resources} resources.
 */
public final class SnmpBenchmark {
    private SnmpBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int resources = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        Path temp = Files.createTempDirectory("basket-snmp-bench");
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             TrapReceiver receiver = TrapReceiver.start(temp.resolve("trapd"), "authCommunity log public")) {
            Map<String, Object> config = NotificationsTest.config();
            config.put("state.directory", temp.resolve("state").toString());
            config.put("queue.capacity", String.valueOf(events));
            NotificationsTest.target(config, "silent", silent.getLocalPort(), "v2c", "inform", "public", "");
            config.put("target.silent.timeout.ms", "60000");
            NotificationsTest.target(config, "nms", receiver.port, "v2c", "trap", "public", "");
            SnmpNorthbound snmp = new SnmpNorthbound(new FakeCluster());
            snmp.activate(config);
            long[] calls = new long[events];
            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                ClusterEvent event = new ClusterEvent(i + 1, Instant.now(), ClusterEvent.Severity.ERROR,
                        EventKind.FENCE_FAILED, "node3", "", "", Optional.empty(), "fencing node3 failed, attempt " + i);
                long before = System.nanoTime();
                snmp.event(event);
                calls[i] = System.nanoTime() - before;
            }
            long deadline = start + 30_000_000_000L;
            int arrived = 0;
            long last = System.nanoTime();
            while (System.nanoTime() < deadline && (arrived = receiver.traps().size()) < events) {
                Thread.sleep(20);
                if (receiver.traps().size() > arrived) {
                    last = System.nanoTime();
                }
            }
            long all = last - start;
            Arrays.sort(calls);
            System.out.printf("%,d events heard, one inform target silent: event() median %.1f us, p99 %.1f us, max %.1f ms;"
                            + " %,d traps at snmptrapd (UDP, no retransmission), the last after %,d ms; sent %,d, dropped %,d%n",
                    events, calls[events / 2] / 1e3, calls[events * 99 / 100] / 1e3, calls[events - 1] / 1e6, arrived,
                    all / 1_000_000, snmp.sent(), snmp.dropped());
            snmp.deactivate();
        }
        FakeCluster cluster = new FakeCluster();
        cluster.show(withResources(resources));
        int port = NetSnmp.freeUdpPort();
        Map<String, Object> config = NotificationsTest.config();
        config.put("agent.enabled", "true");
        config.put("agent.port", String.valueOf(port));
        config.put("agent.community", "bench");
        config.put("state.directory", temp.resolve("state2").toString());
        SnmpNorthbound snmp = new SnmpNorthbound(cluster);
        snmp.activate(config);
        for (String walk : List.of("snmpwalk", "snmpbulkwalk", "snmpwalk", "snmpbulkwalk")) {
            long before = System.nanoTime();
            NetSnmp.Result result = NetSnmp.run(temp, NetSnmp.command(walk, "-v2c", "-c", "bench", "-Oqs",
                    "127.0.0.1:" + port, "BASKET-MIB::basketWhereTable"));
            System.out.printf("%s of basketWhereTable, %,d resources: %,d values in %,d ms%n", walk, resources,
                    result.output().lines().count(), (System.nanoTime() - before) / 1_000_000);
        }
        snmp.deactivate();
        try (var paths = Files.walk(temp)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static ClusterSnapshot withResources(int count) {
        List<Host> hosts = new ArrayList<>();
        List<HostStatus> statuses = new ArrayList<>();
        for (int h = 1; h <= 10; h++) {
            hosts.add(new Host("node" + h, "sim", "", Map.of()));
            statuses.add(new HostStatus("node" + h, HostState.ONLINE, new Capacity(1000, 1_000_000)));
        }
        List<Resource> vms = new ArrayList<>();
        List<ResourceStatus> running = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            vms.add(Resource.vm("vm" + i, new Capacity(1, 512)));
            running.add(ResourceStatus.runningOn("vm" + i, "node" + (i % 10 + 1)));
        }
        return new ClusterSnapshot(ClusterConfig.of(hosts, vms, List.of()), ClusterState.of(statuses, running), List.of(),
                Map.of(), Transition.EMPTY);
    }
}

package org.basket.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.EventKind;
import org.basket.api.driver.DomainInfo;
import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.DriverListener;
import org.basket.api.driver.HostBinding;
import org.basket.api.driver.HostInfo;
import org.basket.api.driver.HypervisorDriver;
import org.basket.api.driver.HypervisorDriverFactory;
import org.basket.api.model.Capacity;
import org.basket.api.model.HostCondition;
import org.basket.core.config.ConfigPids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A condition a driver reports of a host (HostInfo.conditions) is in the host's status while the driver reports
 * it, and its beginning and end are each one HOST_CONDITION event naming the host.
 */
class HostConditionsTest {
    private final VirtualCluster cluster = new VirtualCluster();
    private final Map<String, List<HostCondition>> reported = new ConcurrentHashMap<>();

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aReportedConditionIsShownWhileItLastsAndItsStartAndEndAreEvents() throws Exception {
        cluster.file(ConfigPids.DRIVER, "sim", "type", "sim");
        cluster.file(ConfigPids.HOST, "node1", "driver", "sim");
        cluster.file(ConfigPids.HOST, "node2", "driver", "sim");
        cluster.datacenter.attach("node1", new Capacity(8, 16384));
        cluster.datacenter.attach("node2", new Capacity(8, 16384));
        cluster.manager.bindDriverFactory(new ReportingFactory());
        cluster.manager.start(Map.of("settle.ms", "0", "observe.interval.ms", "50"));
        cluster.advance(Duration.ofSeconds(1));
        assertEquals(List.of(), conditions("node1"));

        HostCondition ha = new HostCondition("managed-elsewhere", "vSphere HA is enabled on cluster C1");
        reported.put("node1", List.of(ha));
        cluster.until(() -> conditions("node1").equals(List.of(ha)), Duration.ofSeconds(2));
        cluster.advance(Duration.ofSeconds(1));
        assertEquals(List.of(), conditions("node2"));
        reported.remove("node1");
        cluster.until(() -> conditions("node1").isEmpty(), Duration.ofSeconds(2));

        List<ClusterEvent> told = cluster.manager.events(200).stream()
                .filter(e -> e.kind() == EventKind.HOST_CONDITION).sorted(java.util.Comparator.comparing(ClusterEvent::sequence)).toList();
        assertEquals(List.of("WARNING node1 host node1: managed-elsewhere: vSphere HA is enabled on cluster C1",
                "INFO node1 host node1: no longer managed-elsewhere: vSphere HA is enabled on cluster C1"),
                told.stream().map(e -> e.severity() + " " + e.host() + " " + e.message()).toList());
    }

    private List<HostCondition> conditions(String host) {
        return cluster.manager.snapshot().state().hosts().get(host).conditions();
    }

    /** The simulator's driver, whose hosts report what {@link #reported} holds for them. */
    private final class ReportingFactory implements HypervisorDriverFactory {
        @Override
        public String type() {
            return "sim";
        }

        @Override
        public HypervisorDriver open(DriverConfig config, DriverListener listener) throws DriverException {
            HypervisorDriver sim = cluster.driver.open(config, listener);
            return new HypervisorDriver() {
                @Override
                public List<String> discoverHosts() throws DriverException {
                    return sim.discoverHosts();
                }

                @Override
                public void attach(HostBinding host) throws DriverException {
                    sim.attach(host);
                }

                @Override
                public void detach(String host) {
                    sim.detach(host);
                }

                @Override
                public HostInfo host(String host) throws DriverException {
                    HostInfo info = sim.host(host);
                    return new HostInfo(info.name(), info.capacity(), info.free(), reported.getOrDefault(host, List.of()));
                }

                @Override
                public List<DomainInfo> domains(String host) throws DriverException {
                    return sim.domains(host);
                }

                @Override
                public DomainInfo monitor(String host, String domain) throws DriverException {
                    return sim.monitor(host, domain);
                }

                @Override
                public void start(String host, String domain) throws DriverException {
                    sim.start(host, domain);
                }

                @Override
                public void stop(String host, String domain, Duration grace) throws DriverException {
                    sim.stop(host, domain, grace);
                }

                @Override
                public void close() {
                    sim.close();
                }
            };
        }
    }
}

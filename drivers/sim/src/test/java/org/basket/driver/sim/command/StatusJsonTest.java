package org.basket.driver.sim.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.basket.api.driver.DriverException;
import org.basket.api.model.Capacity;
import org.basket.driver.sim.Operation;
import org.basket.driver.sim.SimulatedDatacenter;
import org.junit.jupiter.api.Test;

class StatusJsonTest {

    @Test
    void rendersHostsFaultsAndViolations() throws DriverException {
        SimulatedDatacenter datacenter = new SimulatedDatacenter();
        datacenter.setLatency(Duration.ZERO);
        datacenter.addHost("node1", new Capacity(4, 8192));
        datacenter.addHost("node2", new Capacity(4, 8192));
        datacenter.start("node1", "vm1");
        datacenter.start("node2", "vm1");
        datacenter.cutContact("node2", true);
        datacenter.failNext(Operation.START, "vm\"2", 2);

        assertEquals("{\"simulated\":true,\"where\":\"in this JVM\",\"latencyMs\":0,\"hosts\":["
                + "{\"name\":\"node1\",\"poweredOn\":true,\"contactCut\":false,\"fenceFailing\":false,\"cpus\":4,\"memoryMb\":8192,\"domains\":{\"vm1\":\"RUNNING\"}},"
                + "{\"name\":\"node2\",\"poweredOn\":true,\"contactCut\":true,\"fenceFailing\":false,\"cpus\":4,\"memoryMb\":8192,\"domains\":{\"vm1\":\"RUNNING\"}}],"
                + "\"faults\":[{\"operation\":\"START\",\"target\":\"vm\\\"2\",\"failuresLeft\":2,\"hang\":false}],"
                + "\"violations\":[{\"domain\":\"vm1\",\"hosts\":[\"node1\",\"node2\"]}]}",
                StatusJson.render(datacenter));
    }

    @Test
    void escapesControlCharacters() {
        assertEquals("\"a\\\\b\\n\\u0001\"", StatusJson.string("a\\b\n\u0001"));
    }
}

package org.basket.driver.sim.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import org.basket.api.driver.DriverException;
import org.basket.api.model.Capacity;
import org.basket.testsupport.WorldProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The world's record of the calls that change it: each start, stop, migration and power change, with its outcome and times. */
class WorldActionRecordTest {
    private WorldProcess world;
    private RemoteDatacenter client;

    @BeforeEach
    void startWorld() throws Exception {
        world = WorldProcess.start(0, "--latency-ms", "0");
        client = new RemoteDatacenter(new InetSocketAddress("127.0.0.1", world.port()));
        client.attach("node1", new Capacity(8, 8192));
        client.attach("node2", new Capacity(8, 8192));
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        world.close();
    }

    @Test
    void recordsEachChangeInOrderWithItsOutcomeButNoReads() throws Exception {
        long before = System.currentTimeMillis();
        client.start("node1", "vm1");
        client.domains("node1");
        client.migrate("vm1", "node1", "node2", Duration.ofMillis(50), progress -> { });
        assertThrows(DriverException.class, () -> client.start("nowhere", "vm2"));
        client.stop("node2", "vm1", Duration.ofMillis(10));
        client.fenceDevice("node1").powerOff();

        List<WorldAction> actions = client.actions();

        assertEquals(List.of("start node1 vm1", "migrate vm1 node1 node2", "start nowhere vm2", "stop node2 vm1",
                "fence-power node1 off"), actions.stream().map(WorldAction::what).toList());
        assertEquals(List.of(true, true, false, true, true), actions.stream().map(WorldAction::succeeded).toList());
        long after = System.currentTimeMillis();
        for (WorldAction action : actions) {
            assertTrue(before <= action.receivedMillis() && action.receivedMillis() <= action.answeredMillis()
                    && action.answeredMillis() <= after, action.toString());
        }
        assertTrue(actions.get(1).answeredMillis() - actions.get(1).receivedMillis() >= 50, "the migration took its time");
    }
}

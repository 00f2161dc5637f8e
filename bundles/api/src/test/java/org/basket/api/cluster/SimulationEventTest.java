package org.basket.api.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class SimulationEventTest {

    @Test
    void parsesEveryFormAndWritesItBack() {
        assertEquals(new SimulationEvent.HostFails("node2"), SimulationEvent.parse("fail:node2"));
        assertEquals(new SimulationEvent.HostStandby("node3"), SimulationEvent.parse(" standby:node3 "));
        assertEquals(new SimulationEvent.ResourceFails("db"), SimulationEvent.parse("fail-resource:db"));
        assertEquals(new SimulationEvent.AddVm("test", 2, 4096), SimulationEvent.parse("add-vm:test:2:4096"));
        for (String text : List.of("fail:node2", "standby:node3", "fail-resource:db", "add-vm:test:2:4096")) {
            assertEquals(text, SimulationEvent.parse(text).toString());
        }
    }

    @Test
    void aMalformedEventIsRejectedWithTheExpectedForm() {
        assertEquals("malformed event 'crash:node2': expected " + SimulationEvent.FORMS, message("crash:node2"));
        assertEquals("malformed event 'fail': expected fail:<host>", message("fail"));
        assertEquals("malformed event 'fail:': expected fail:<host>", message("fail:"));
        assertEquals("malformed event 'standby:a:b': expected standby:<host>", message("standby:a:b"));
        assertEquals("malformed event 'add-vm:test:2': expected add-vm:<name>:<cpus>:<memoryMb>, e.g. add-vm:test:2:4096",
                message("add-vm:test:2"));
        assertEquals("malformed event 'add-vm:test:two:4096': expected add-vm:<name>:<cpus>:<memoryMb> with whole "
                + "numbers, e.g. add-vm:test:2:4096", message("add-vm:test:two:4096"));
        assertEquals("add-vm:test:0:4096: a VM needs at least 1 CPU and 1 MB", message("add-vm:test:0:4096"));
        assertEquals("malformed event '': expected " + SimulationEvent.FORMS, message(""));
    }

    private static String message(String text) {
        return assertThrows(IllegalArgumentException.class, () -> SimulationEvent.parse(text)).getMessage();
    }
}

package org.basket.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.basket.api.cluster.ConfigProblem;
import org.basket.api.fence.FenceDevice;
import org.basket.api.fence.FenceDeviceFactory;
import org.basket.api.fence.FenceException;
import org.basket.api.fence.PowerState;
import org.basket.api.model.Capacity;
import org.basket.core.config.FenceDefinition;
import org.basket.driver.sim.SimulatedDatacenter;
import org.junit.jupiter.api.Test;

/**
 * A failed fence names each device once, whether or not the device's own message names it; devices come
 * from the deployed fence methods, and go with them; the devices of one level are one fence.
 */
class FenceLevelsTest {
    private static final String SOURCE = "org.basket.fence-pdu.cfg";

    private final FenceLevels levels = new FenceLevels();
    private final FenceDevice driverFencing = new Silent("sim-bmc:h1");

    @Test
    void aDeviceThatNamesItselfIsNotNamedAgain() {
        SimulatedDatacenter datacenter = new SimulatedDatacenter();
        datacenter.addHost("h1", new Capacity(4, 8192));
        datacenter.failFence("h1", true);
        levels.update(Map.of());

        FenceException e = assertThrows(FenceException.class,
                () -> levels.fence("h1", Optional.of(datacenter.fenceDevice("h1"))));

        assertEquals("every fencing level failed for host h1: sim-bmc:h1: power off: simulated fence failure",
                e.getMessage());
    }

    @Test
    void aDeviceThatDoesNotNameItselfIsNamed() {
        FenceException e = assertThrows(FenceException.class, () -> levels.fence("h1", Optional.of(new Silent("pdu-7"))));

        assertEquals("every fencing level failed for host h1: pdu-7: no answer", e.getMessage());
    }

    @Test
    void aDefinitionNoDeployedMethodServesIsAProblemAndNotUsed() {
        List<ConfigProblem> problems = levels.update(definitions(pdu("outlet", "7")));

        assertEquals(List.of(new ConfigProblem(SOURCE, "agent", "no fence method for agent fence_pdu is deployed")),
                problems);
        assertEquals(List.of(driverFencing), levels.devices("h1", Optional.of(driverFencing)));
    }

    @Test
    void aMethodDeployedLaterMakesTheDefinitionWork() {
        levels.update(definitions(pdu("outlet", "7")));

        levels.bind(new Pdus("fence_pdu"), 0);

        assertEquals(List.of(), levels.update(definitions(pdu("outlet", "7"))));
        assertEquals(List.of("fence_pdu/7", "sim-bmc:h1"), names(levels.devices("h1", Optional.of(driverFencing))));
    }

    @Test
    void aWithdrawnMethodLeavesTheHostWithItsDriversFencingOnly() {
        Pdus pdus = new Pdus("fence_pdu");
        levels.bind(pdus, 0);
        assertEquals(List.of(), levels.update(definitions(pdu("outlet", "7"))));

        levels.unbind(pdus);

        assertEquals(List.of(driverFencing), levels.devices("h1", Optional.of(driverFencing)));
        assertEquals(List.of(new ConfigProblem(SOURCE, "agent", "no fence method for agent fence_pdu is deployed")),
                levels.update(definitions(pdu("outlet", "7"))), "not the previous definition: its method is gone");
    }

    @Test
    void aChangeToAnAgentNoMethodServesKeepsThePreviousDevice() {
        levels.bind(new Pdus("fence_pdu"), 0);
        levels.update(definitions(pdu("outlet", "7")));

        FenceDefinition moved = new FenceDefinition("pdu", SOURCE, "h1", 1, "fence_hmc", Map.of("outlet", "8"),
                Duration.ofSeconds(5));
        assertEquals(List.of(new ConfigProblem(SOURCE, "agent",
                        "no fence method for agent fence_hmc is deployed (the previous definition stays in force)")),
                levels.update(definitions(moved)));
        assertEquals(List.of("fence_pdu/7"), names(levels.devices("h1", Optional.empty())));
    }

    @Test
    void aChangeItsMethodRefusesKeepsThePreviousDevice() {
        levels.bind(new Pdus("fence_pdu"), 0);
        levels.update(definitions(pdu("outlet", "7")));

        assertEquals(List.of(new ConfigProblem(SOURCE, "",
                        "fence_pdu: unknown parameter 'outlt' (the previous definition stays in force)")),
                levels.update(definitions(pdu("outlt", "8"))));
        assertEquals(List.of("fence_pdu/7"), names(levels.devices("h1", Optional.empty())));
    }

    @Test
    void theHighestRankingMethodServesThenTheFirstBound() {
        Pdus first = new Pdus("fence_pdu");
        Pdus second = new Pdus("fence_pdu");
        Pdus better = new Pdus("fence_pdu");
        levels.bind(first, 0);
        levels.bind(second, 0);
        levels.update(definitions(pdu("outlet", "7")));
        assertSame(first, ((PduDevice) levels.devices("h1", Optional.empty()).get(0)).maker());

        levels.bind(better, 10);
        levels.update(definitions(pdu("outlet", "7")));
        assertSame(better, ((PduDevice) levels.devices("h1", Optional.empty()).get(0)).maker(),
                "a better method deployed later takes the definition over");

        levels.unbind(better);
        levels.update(definitions(pdu("outlet", "7")));
        assertSame(first, ((PduDevice) levels.devices("h1", Optional.empty()).get(0)).maker());
    }

    @Test
    void theDevicesOfALevelAreOneFenceEachPoweredOff() throws Exception {
        Switches switches = switchesOf(level(1, "feed-a"), level(1, "feed-b"), level(2, "bmc"));

        assertEquals("feed-a + feed-b", levels.fence("h1", Optional.of(driverFencing)));

        assertEquals(PowerState.OFF, switches.get("feed-a").status());
        assertEquals(PowerState.OFF, switches.get("feed-b").status());
        assertEquals(PowerState.ON, switches.get("bmc").status(), "the first level was enough");
    }

    @Test
    void aLevelWithADeviceThatFailsHasNotFencedTheHost() throws Exception {
        Switches switches = switchesOf(level(1, "feed-a"), level(1, "feed-b"), level(2, "bmc"));
        switches.get("feed-b").refuses = true;

        assertEquals("bmc", levels.fence("h1", Optional.empty()), "the next level fenced it");

        levels.update(definitions(level(1, "feed-a"), level(1, "feed-b")));
        FenceException e = assertThrows(FenceException.class, () -> levels.fence("h1", Optional.empty()));
        assertEquals("every fencing level failed for host h1: feed-b: refused (its level needs feed-a + feed-b off)",
                e.getMessage());
    }

    @Test
    void aLevelTellsOffOnlyWhenEachOfItsDevicesSaysOff() throws Exception {
        Switches switches = switchesOf(level(1, "feed-a"), level(1, "feed-b"));
        switches.get("feed-a").powerOff();

        assertEquals("on (says feed-b)", levels.powerState("h1", Optional.empty()), "one feed still powers the host");

        switches.get("feed-b").powerOff();
        assertEquals("off (says feed-a + feed-b)", levels.powerState("h1", Optional.empty()));

        switches.get("feed-b").refuses = true;
        assertEquals("on (says sim-bmc:h1)", levels.powerState("h1", Optional.of(new Switch("sim-bmc:h1"))),
                "a level that cannot tell leaves it to the next");
        assertEquals("no fence device could tell its power state (feed-b: refused)",
                levels.powerState("h1", Optional.empty()));
    }

    private Switches switchesOf(FenceDefinition... definitions) {
        Switches switches = new Switches();
        levels.bind(switches, 0);
        assertEquals(List.of(), levels.update(definitions(definitions)));
        return switches;
    }

    private static FenceDefinition level(int level, String outlet) {
        return new FenceDefinition(outlet, "org.basket.fence-" + outlet + ".cfg", "h1", level, "fence_switch",
                Map.of("outlet", outlet), Duration.ofSeconds(5));
    }

    private static FenceDefinition pdu(String key, String value) {
        return new FenceDefinition("pdu", SOURCE, "h1", 1, "fence_pdu", Map.of(key, value), Duration.ofSeconds(5));
    }

    private static Map<String, FenceDefinition> definitions(FenceDefinition... definitions) {
        return Arrays.stream(definitions).collect(Collectors.toMap(FenceDefinition::name, d -> d));
    }

    private static List<String> names(List<FenceDevice> devices) {
        return devices.stream().map(FenceDevice::name).toList();
    }

    /** A fence method for one agent whose only parameter is {@code outlet}. */
    private static final class Pdus implements FenceDeviceFactory {
        private final String agent;

        Pdus(String agent) {
            this.agent = agent;
        }

        @Override
        public boolean serves(String name) {
            return agent.equals(name);
        }

        @Override
        public void validate(String name, Map<String, String> parameters) throws FenceException {
            for (String key : parameters.keySet()) {
                if (!key.equals("outlet")) {
                    throw new FenceException(name + ": unknown parameter '" + key + "'");
                }
            }
        }

        @Override
        public FenceDevice create(String name, Map<String, String> parameters, Duration timeout) throws FenceException {
            validate(name, parameters);
            return new PduDevice(name + "/" + parameters.get("outlet"), this);
        }
    }

    private record PduDevice(String name, Pdus maker) implements FenceDevice {
        @Override
        public PowerState status() {
            return PowerState.ON;
        }

        @Override
        public void powerOff() {
        }

        @Override
        public void powerOn() {
        }
    }

    private record Silent(String name) implements FenceDevice {
        @Override
        public PowerState status() throws FenceException {
            throw new FenceException("no answer");
        }

        @Override
        public void powerOff() throws FenceException {
            throw new FenceException("no answer");
        }

        @Override
        public void powerOn() throws FenceException {
            throw new FenceException("no answer");
        }
    }

    /** A fence method whose devices are switches the test holds, one per {@code outlet}. */
    private static final class Switches implements FenceDeviceFactory {
        private final Map<String, Switch> made = new HashMap<>();

        Switch get(String outlet) {
            return made.get(outlet);
        }

        @Override
        public boolean serves(String name) {
            return name.equals("fence_switch");
        }

        @Override
        public void validate(String name, Map<String, String> parameters) {
        }

        @Override
        public FenceDevice create(String name, Map<String, String> parameters, Duration timeout) {
            return made.computeIfAbsent(parameters.get("outlet"), Switch::new);
        }
    }

    /** A device that powers its host on or off, or refuses every request. */
    private static final class Switch implements FenceDevice {
        private final String name;
        private PowerState state = PowerState.ON;
        boolean refuses;

        Switch(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public PowerState status() throws FenceException {
            refuseIfAsked();
            return state;
        }

        @Override
        public void powerOff() throws FenceException {
            refuseIfAsked();
            state = PowerState.OFF;
        }

        @Override
        public void powerOn() throws FenceException {
            refuseIfAsked();
            state = PowerState.ON;
        }

        private void refuseIfAsked() throws FenceException {
            if (refuses) {
                throw new FenceException(name + ": refused");
            }
        }
    }
}

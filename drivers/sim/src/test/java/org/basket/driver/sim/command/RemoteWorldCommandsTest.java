package org.basket.driver.sim.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.HostBinding;
import org.basket.api.driver.HypervisorDriver;
import org.basket.driver.sim.SimulatedDatacenter;
import org.basket.driver.sim.internal.SimDriverFactory;
import org.basket.testsupport.RecordingDriverListener;
import org.basket.testsupport.WorldProcess;
import org.junit.jupiter.api.Test;

/** With an endpoint on a world process, the sim: commands act on that world and say so. */
class RemoteWorldCommandsTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Test
    void theCommandsActOnTheWorldProcessTheEndpointUses() throws Exception {
        try (WorldProcess world = WorldProcess.start(0, "--latency-ms", "0")) {
            SimDriverFactory factory = new SimDriverFactory(new SimulatedDatacenter());
            HypervisorDriver driver = factory.open(new DriverConfig("sim", "sim", Map.of("world", world.address())),
                    new RecordingDriverListener());
            driver.attach(new HostBinding("node1", "", Map.of()));

            CrashHostCommand crash = new CrashHostCommand();
            crash.host = "node1";
            run(crash, factory);
            StatusCommand status = new StatusCommand();
            run(status, factory);

            List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
            assertEquals("Simulated host node1 is powered off (world process at " + world.address() + ")", lines.get(0));
            assertEquals("Simulated datacenter world process at " + world.address() + " (not a real hypervisor), latency 0 ms",
                    lines.get(1));
            assertTrue(lines.stream().anyMatch(l -> l.matches("\\s*node1\\W+off\\W+none \\(powered off\\)\\W+ok\\W.*")), lines.toString());
            assertTrue(factory.datacenter().hosts().isEmpty(), "the JVM's own datacenter was not touched");

            world.kill();
            CommandException away = assertThrows(CommandException.class, () -> run(new StatusCommand(), factory));
            assertTrue(away.getMessage().startsWith("simulated world process at " + world.address() + " unreachable: "), away.getMessage());
            driver.close();
        }
    }

    private void run(SimCommand command, SimDriverFactory factory) throws Exception {
        command.control = factory;
        command.session = console(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        command.execute();
    }

    /** A session that only has a console. */
    private static Session console(PrintStream console) {
        return (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getConsole" -> console;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException("Session." + method.getName());
                });
    }
}

package org.basket.driver.sim.command;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.karaf.shell.api.console.Session;
import org.basket.api.model.Capacity;
import org.basket.driver.sim.SimulatedDatacenter;
import org.junit.jupiter.api.Test;

class StatusCommandTest {
    private final SimulatedDatacenter datacenter = new SimulatedDatacenter();

    @Test
    void aPoweredOffHostHasNoContact() throws Exception {
        datacenter.setLatency(Duration.ZERO);
        datacenter.addHost("node1", new Capacity(4, 8192));
        datacenter.addHost("node2", new Capacity(4, 8192));
        datacenter.addHost("node3", new Capacity(4, 8192));
        datacenter.crashHost("node2");
        datacenter.cutContact("node3", true);

        List<String> lines = run().lines().toList();

        assertTrue(lines.stream().anyMatch(l -> l.matches("\\s*node1\\W+on\\W+ok\\W+ok\\W.*")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\s*node2\\W+off\\W+none \\(powered off\\)\\W+ok\\W.*")),
                lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\s*node3\\W+on\\W+cut\\W+ok\\W.*")), lines.toString());
    }

    private String run() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StatusCommand command = new StatusCommand();
        command.control = () -> datacenter;
        command.session = console(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        command.execute();
        return bytes.toString(StandardCharsets.UTF_8);
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

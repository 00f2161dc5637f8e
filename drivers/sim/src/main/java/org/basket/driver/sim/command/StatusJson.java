package org.basket.driver.sim.command;

import java.util.List;
import java.util.stream.Collectors;

import org.basket.driver.sim.DoubleActiveViolation;
import org.basket.driver.sim.InjectedFault;
import org.basket.driver.sim.Datacenter;
import org.basket.driver.sim.SimulatedHost;

/** The simulated datacenter's status as one JSON object. */
final class StatusJson {

    private StatusJson() {
    }

    static String render(Datacenter datacenter) {
        return "{\"simulated\":true"
                + ",\"where\":" + string(datacenter.where())
                + ",\"latencyMs\":" + datacenter.latency().toMillis()
                + ",\"hosts\":" + array(datacenter.hosts().stream().map(StatusJson::host).toList())
                + ",\"faults\":" + array(datacenter.faults().stream().map(StatusJson::fault).toList())
                + ",\"violations\":" + array(datacenter.violations().stream().map(StatusJson::violation).toList())
                + "}";
    }

    private static String host(SimulatedHost host) {
        String domains = host.domains().entrySet().stream()
                .map(entry -> string(entry.getKey()) + ":" + string(entry.getValue().name()))
                .collect(Collectors.joining(",", "{", "}"));
        return "{\"name\":" + string(host.name())
                + ",\"poweredOn\":" + host.poweredOn()
                + ",\"contactCut\":" + host.contactCut()
                + ",\"fenceFailing\":" + host.fenceFailing()
                + ",\"cpus\":" + host.capacity().cpus()
                + ",\"memoryMb\":" + host.capacity().memoryMb()
                + ",\"domains\":" + domains + "}";
    }

    private static String fault(InjectedFault fault) {
        return "{\"operation\":" + string(fault.operation().name())
                + ",\"target\":" + string(fault.target())
                + ",\"failuresLeft\":" + fault.failuresLeft()
                + ",\"hang\":" + fault.hang() + "}";
    }

    private static String violation(DoubleActiveViolation violation) {
        return "{\"domain\":" + string(violation.domain())
                + ",\"hosts\":" + array(violation.hosts().stream().map(StatusJson::string).toList()) + "}";
    }

    private static String array(List<String> elements) {
        return "[" + String.join(",", elements) + "]";
    }

    static String string(String value) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                default -> json.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return json.append('"').toString();
    }
}

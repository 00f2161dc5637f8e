package org.basket.driver.sim.world;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.basket.api.driver.DomainInfo;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.HostInfo;
import org.basket.api.fence.FenceDevice;
import org.basket.api.fence.FenceException;
import org.basket.api.model.Capacity;
import org.basket.driver.sim.DoubleActiveViolation;
import org.basket.driver.sim.InjectedFault;
import org.basket.driver.sim.Operation;
import org.basket.driver.sim.SimulatedDatacenter;
import org.basket.driver.sim.SimulatedHost;

/**
 * The world's answer to one request line (everything but {@code events}): a call of its simulated
 * datacenter, answered {@code ok <fields>}, {@code driver-error <message>} (a driver or fence call
 * failed as a hypervisor's would) or {@code refused <message>} (a bad request, an unknown host).
 */
final class WorldRequests {
    /** Each request and its arguments, for the refusal of a bad one. */
    static final Map<String, String> USAGE = Map.ofEntries(
            Map.entry("discover", ""), Map.entry("attach", "HOST CPUS MEMORY_MB"), Map.entry("host-info", "HOST"),
            Map.entry("domains", "HOST"), Map.entry("monitor", "HOST DOMAIN"), Map.entry("start", "HOST DOMAIN"),
            Map.entry("stop", "HOST DOMAIN GRACE_MS"), Map.entry("migrate", "DOMAIN FROM TO DURATION_MS"),
            Map.entry("fence-status", "HOST"), Map.entry("fence-power", "HOST on|off"), Map.entry("events", ""),
            Map.entry("hosts", ""), Map.entry("faults", ""), Map.entry("violations", ""), Map.entry("latency", ""),
            Map.entry("set-latency", "MS"), Map.entry("crash-domain", "DOMAIN"), Map.entry("crash-host", "HOST"),
            Map.entry("power-on", "HOST"), Map.entry("cut-contact", "HOST true|false"),
            Map.entry("fail", "OPERATION TARGET COUNT"), Map.entry("hang", "OPERATION TARGET"),
            Map.entry("fail-fence", "HOST true|false"), Map.entry("clear-faults", ""), Map.entry("actions", ""));

    private final SimulatedDatacenter datacenter;
    private final ActionRecord actions = new ActionRecord();

    WorldRequests(SimulatedDatacenter datacenter) {
        this.datacenter = datacenter;
    }

    /** The response line to a request; {@code progress} hears the lines sent before it. */
    String answer(List<String> request, Consumer<String> progress) {
        long received = System.currentTimeMillis();
        String answer = answerOf(request, progress);
        if (!request.isEmpty() && ActionRecord.isAction(request)) {
            actions.add(new WorldAction(received, System.currentTimeMillis(), request, Line.split(answer).get(0)));
        }
        return answer;
    }

    private String answerOf(List<String> request, Consumer<String> progress) {
        try {
            checkShape(request);
            return Line.join(ok(call(request, progress)));
        } catch (DriverException | FenceException e) {
            return Line.join("driver-error", e.getMessage());
        } catch (IllegalArgumentException e) {
            return Line.join("refused", e.getMessage());
        } catch (RuntimeException e) {
            return Line.join("driver-error", request.get(0) + ": the simulated world failed: " + e);
        }
    }

    static String refusal(String message) {
        return Line.join("refused", message);
    }

    /** Refuses an unknown request, or one with the wrong number of arguments, naming its usage. */
    static void checkShape(List<String> request) {
        if (request.isEmpty()) {
            throw new IllegalArgumentException("empty request (requests: " + String.join(", ", new java.util.TreeSet<>(USAGE.keySet())) + ")");
        }
        String usage = USAGE.get(request.get(0));
        if (usage == null) {
            throw new IllegalArgumentException("unknown request '" + request.get(0) + "' (requests: "
                    + String.join(", ", new java.util.TreeSet<>(USAGE.keySet())) + ")");
        }
        int arguments = usage.isEmpty() ? 0 : usage.split(" ").length;
        if (request.size() - 1 != arguments) {
            throw new IllegalArgumentException("request '" + request.get(0) + "' takes " + arguments
                    + " argument(s): " + (request.get(0) + " " + usage).trim());
        }
    }

    private static List<String> ok(List<String> fields) {
        List<String> line = new ArrayList<>(List.of("ok"));
        line.addAll(fields);
        return line;
    }

    private List<String> call(List<String> r, Consumer<String> progress) throws DriverException, FenceException {
        switch (r.get(0)) {
            case "discover":
                return datacenter.discoverHosts();
            case "attach":
                datacenter.attach(r.get(1), new Capacity((int) number(r.get(2), 1), number(r.get(3), 1)));
                return List.of();
            case "host-info":
                HostInfo info = datacenter.hostInfo(r.get(1));
                return List.of(String.valueOf(info.capacity().cpus()), String.valueOf(info.capacity().memoryMb()));
            case "domains":
                List<String> domains = new ArrayList<>();
                for (DomainInfo domain : datacenter.domains(r.get(1))) {
                    domains.add(domain.name());
                    domains.add(domain.state().name());
                }
                return domains;
            case "monitor":
                return List.of(datacenter.monitor(r.get(1), r.get(2)).state().name());
            case "start":
                datacenter.start(r.get(1), r.get(2));
                return List.of();
            case "stop":
                datacenter.stop(r.get(1), r.get(2), Duration.ofMillis(number(r.get(3), 0)));
                return List.of();
            case "migrate":
                datacenter.migrate(r.get(1), r.get(2), r.get(3), Duration.ofMillis(number(r.get(4), 0)), progress);
                return List.of();
            case "fence-status":
                return List.of(bmc(r.get(1)).status().name());
            case "fence-power":
                setPower(bmc(r.get(1)), onOff(r.get(2)));
                return List.of();
            default:
                return inject(r);
        }
    }

    private List<String> inject(List<String> r) {
        switch (r.get(0)) {
            case "hosts":
                return datacenter.hosts().stream().map(WorldRequests::host).toList();
            case "faults":
                return datacenter.faults().stream().map(f -> Line.join(f.operation().name(), f.target(),
                        String.valueOf(f.failuresLeft()), String.valueOf(f.hang()))).toList();
            case "violations":
                return datacenter.violations().stream().map(WorldRequests::violation).toList();
            case "latency":
                return List.of(String.valueOf(datacenter.latency().toMillis()));
            case "set-latency":
                datacenter.setLatency(Duration.ofMillis(number(r.get(1), 0)));
                return List.of();
            case "crash-domain":
                datacenter.crashDomain(r.get(1));
                return List.of();
            case "crash-host":
                datacenter.crashHost(r.get(1));
                return List.of();
            case "power-on":
                datacenter.powerOn(r.get(1));
                return List.of();
            case "cut-contact":
                datacenter.cutContact(r.get(1), flag(r.get(2)));
                return List.of();
            case "fail":
                datacenter.failNext(operation(r.get(1)), r.get(2), (int) number(r.get(3), 1));
                return List.of();
            case "hang":
                datacenter.hang(operation(r.get(1)), r.get(2));
                return List.of();
            case "fail-fence":
                datacenter.failFence(r.get(1), flag(r.get(2)));
                return List.of();
            case "clear-faults":
                datacenter.clearFaults();
                return List.of();
            case "actions":
                return actions.all().stream().map(WorldRequests::action).toList();
            default:
                throw new IllegalArgumentException("unknown request '" + r.get(0) + "'");
        }
    }

    private FenceDevice bmc(String host) {
        return datacenter.fenceDevice(host);
    }

    private static void setPower(FenceDevice bmc, boolean on) throws FenceException {
        if (on) {
            bmc.powerOn();
        } else {
            bmc.powerOff();
        }
    }

    static String host(SimulatedHost host) {
        List<String> fields = new ArrayList<>(List.of(host.name(), String.valueOf(host.capacity().cpus()),
                String.valueOf(host.capacity().memoryMb()), String.valueOf(host.poweredOn()),
                String.valueOf(host.contactCut()), String.valueOf(host.fenceFailing())));
        host.domains().forEach((domain, state) -> {
            fields.add(domain);
            fields.add(state.name());
        });
        return Line.join(fields);
    }

    static String violation(DoubleActiveViolation violation) {
        List<String> fields = new ArrayList<>(List.of(violation.domain()));
        fields.addAll(violation.hosts());
        return Line.join(fields);
    }

    static String action(WorldAction action) {
        List<String> fields = new ArrayList<>(List.of(String.valueOf(action.receivedMillis()),
                String.valueOf(action.answeredMillis()), action.outcome()));
        fields.addAll(action.request());
        return Line.join(fields);
    }

    static WorldAction action(List<String> f) {
        return new WorldAction(Long.parseLong(f.get(0)), Long.parseLong(f.get(1)), f.subList(3, f.size()), f.get(2));
    }

    static InjectedFault fault(List<String> f) {
        return new InjectedFault(Operation.valueOf(f.get(0)), f.get(1), Integer.parseInt(f.get(2)), Boolean.parseBoolean(f.get(3)));
    }

    private static long number(String value, long min) {
        try {
            long number = Long.parseLong(value);
            if (number >= min) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("not a whole number from " + min + " up: '" + value + "'");
    }

    private static boolean flag(String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("not true or false: '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    private static boolean onOff(String value) {
        if (!value.equals("on") && !value.equals("off")) {
            throw new IllegalArgumentException("not on or off: '" + value + "'");
        }
        return value.equals("on");
    }

    private static Operation operation(String name) {
        try {
            return Operation.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown operation '" + name + "' (one of: "
                    + String.join(", ", java.util.Arrays.stream(Operation.values()).map(Enum::name).toList()) + ")");
        }
    }
}

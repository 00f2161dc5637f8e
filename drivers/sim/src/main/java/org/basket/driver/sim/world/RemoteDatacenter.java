package org.basket.driver.sim.world;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SocketChannel;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.basket.api.driver.DomainInfo;
import org.basket.api.driver.DomainState;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.DriverListener;
import org.basket.api.driver.HostInfo;
import org.basket.api.fence.FenceDevice;
import org.basket.api.model.Capacity;
import org.basket.driver.sim.Datacenter;
import org.basket.driver.sim.DoubleActiveViolation;
import org.basket.driver.sim.InjectedFault;
import org.basket.driver.sim.ListenerRegistration;
import org.basket.driver.sim.Operation;
import org.basket.driver.sim.SimulatedHost;

/**
 * A client of a world process ({@link WorldMain}): each call is one connection to it, closed by an
 * interrupt of the calling thread (which interrupts the call in the world). Its listeners hear the
 * world's events through {@link RemoteEvents}. While the world is out of reach every call fails
 * naming its address; the hosts this client attached are attached again once the world answers.
 */
public final class RemoteDatacenter implements Datacenter, AutoCloseable {
    private final InetSocketAddress address;
    private final Map<String, Capacity> attached = new java.util.concurrent.ConcurrentHashMap<>();
    private final RemoteEvents events;

    public RemoteDatacenter(InetSocketAddress address) {
        this.address = address;
        this.events = new RemoteEvents(this);
    }

    @Override
    public String where() {
        return "world process at " + address.getHostString() + ":" + address.getPort();
    }

    /** The world's address, resolved anew for each connection. */
    InetSocketAddress address() {
        return new InetSocketAddress(address.getHostString(), address.getPort());
    }

    /** The hosts attached through this client, with the size they get in a world that does not know them. */
    Map<String, Capacity> attached() {
        return Map.copyOf(attached);
    }

    @Override
    public void close() {
        events.close();
    }

    // ---- driver calls

    @Override
    public List<String> discoverHosts() throws DriverException {
        return driverCall("discover hosts", "discover");
    }

    @Override
    public void attach(String host, Capacity capacityIfNew) throws DriverException {
        driverCall("attach " + host, "attach", host, String.valueOf(capacityIfNew.cpus()), String.valueOf(capacityIfNew.memoryMb()));
        attached.put(host, capacityIfNew);
    }

    @Override
    public HostInfo hostInfo(String host) throws DriverException {
        List<String> size = driverCall("read host " + host, "host-info", host);
        Capacity capacity = new Capacity(Integer.parseInt(size.get(0)), Long.parseLong(size.get(1)));
        return new HostInfo(host, capacity, capacity);
    }

    @Override
    public List<DomainInfo> domains(String host) throws DriverException {
        List<String> fields = driverCall("list domains of " + host, "domains", host);
        List<DomainInfo> domains = new ArrayList<>();
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            domains.add(new DomainInfo(fields.get(i), DomainState.valueOf(fields.get(i + 1))));
        }
        return domains;
    }

    @Override
    public DomainInfo monitor(String host, String domain) throws DriverException {
        return new DomainInfo(domain, DomainState.valueOf(driverCall("monitor " + domain + " on " + host, "monitor", host, domain).get(0)));
    }

    @Override
    public void start(String host, String domain) throws DriverException {
        driverCall("start " + domain + " on " + host, "start", host, domain);
    }

    @Override
    public void stop(String host, String domain, Duration grace) throws DriverException {
        driverCall("stop " + domain + " on " + host, "stop", host, domain, String.valueOf(grace.toMillis()));
    }

    @Override
    public void migrate(String domain, String fromHost, String toHost, Duration duration, Consumer<String> progress)
            throws DriverException {
        String call = "migrate " + domain + " from " + fromHost + " to " + toHost;
        answerOf(call, progress, "migrate", domain, fromHost, toHost, String.valueOf(duration.toMillis())).driverResult();
    }

    @Override
    public FenceDevice fenceDevice(String host) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host name must not be blank");
        }
        return new RemoteBmc(this, host);
    }

    @Override
    public ListenerRegistration addListener(DriverListener listener, Predicate<String> hosts) {
        return events.subscribe(listener, hosts);
    }

    // ---- the world's state and its faults

    @Override
    public List<SimulatedHost> hosts() {
        return faultCall("hosts").stream().map(line -> host(Line.split(line))).toList();
    }

    @Override
    public List<InjectedFault> faults() {
        return faultCall("faults").stream().map(line -> WorldRequests.fault(Line.split(line))).toList();
    }

    @Override
    public List<DoubleActiveViolation> violations() {
        return faultCall("violations").stream().map(Line::split)
                .map(f -> new DoubleActiveViolation(f.get(0), f.subList(1, f.size()))).toList();
    }

    /** The world's record of the calls that changed it, oldest first. */
    public List<WorldAction> actions() {
        return faultCall("actions").stream().map(line -> WorldRequests.action(Line.split(line))).toList();
    }

    @Override
    public Duration latency() {
        return Duration.ofMillis(Long.parseLong(faultCall("latency").get(0)));
    }

    @Override
    public void setLatency(Duration latency) {
        faultCall("set-latency", String.valueOf(latency.toMillis()));
    }

    @Override
    public void crashDomain(String domain) {
        faultCall("crash-domain", domain);
    }

    @Override
    public void crashHost(String host) {
        faultCall("crash-host", host);
    }

    @Override
    public void powerOn(String host) {
        faultCall("power-on", host);
    }

    @Override
    public void cutContact(String host, boolean cut) {
        faultCall("cut-contact", host, String.valueOf(cut));
    }

    @Override
    public void failNext(Operation operation, String target, int count) {
        faultCall("fail", operation.name(), target, String.valueOf(count));
    }

    @Override
    public void hang(Operation operation, String target) {
        faultCall("hang", operation.name(), target);
    }

    @Override
    public void failFence(String host, boolean fail) {
        faultCall("fail-fence", host, String.valueOf(fail));
    }

    @Override
    public void clearFaults() {
        faultCall("clear-faults");
    }

    // ---- one request

    List<String> driverCall(String call, String... request) throws DriverException {
        return answerOf(call, line -> { }, request).driverResult();
    }

    private List<String> faultCall(String... request) {
        Answer answer = answerOf(request[0], line -> { }, request);
        return switch (answer.kind) {
            case "ok" -> answer.fields;
            case "refused" -> throw new IllegalArgumentException(answer.message());
            default -> throw new IllegalStateException(answer.message());
        };
    }

    /** One request's answer; a world out of reach is the answer {@code unreachable}. */
    private Answer answerOf(String call, Consumer<String> progress, String... request) {
        try (SocketChannel channel = SocketChannel.open(address())) {
            OutputStream out = Channels.newOutputStream(channel);
            out.write((Line.join(request) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            LineReader in = new LineReader(new BufferedInputStream(Channels.newInputStream(channel)), Line.MAX_ANSWER_LENGTH);
            for (String line = in.next(); line != null; line = in.next()) {
                List<String> fields = Line.split(line);
                if (fields.isEmpty() || !fields.get(0).equals("progress")) {
                    return new Answer(call, fields.isEmpty() ? "" : fields.get(0), fields.subList(Math.min(1, fields.size()), fields.size()));
                }
                progress.accept(fields.size() > 1 ? fields.get(1) : "");
            }
            return new Answer(call, "unreachable", List.of(where() + " closed the connection without an answer"));
        } catch (ClosedByInterruptException e) {
            return new Answer(call, "interrupted", List.of("interrupted"));
        } catch (IOException | UnresolvedAddressException e) {
            return new Answer(call, "unreachable", List.of(unreachable(e)));
        }
    }

    /** Why the world could not be reached, in words. */
    String unreachable(Exception e) {
        return "simulated " + where() + " unreachable: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    private record Answer(String call, String kind, List<String> fields) {
        String message() {
            return fields.isEmpty() ? kind : fields.get(0);
        }

        List<String> driverResult() throws DriverException {
            return switch (kind) {
                case "ok" -> fields;
                case "driver-error", "refused" -> throw new DriverException(message());
                default -> throw new DriverException(call + ": " + message());
            };
        }
    }

    private static SimulatedHost host(List<String> f) {
        Map<String, DomainState> domains = new TreeMap<>();
        for (int i = 6; i + 1 < f.size(); i += 2) {
            domains.put(f.get(i), DomainState.valueOf(f.get(i + 1)));
        }
        return new SimulatedHost(f.get(0), new Capacity(Integer.parseInt(f.get(1)), Long.parseLong(f.get(2))),
                Boolean.parseBoolean(f.get(3)), Boolean.parseBoolean(f.get(4)), Boolean.parseBoolean(f.get(5)), domains);
    }
}

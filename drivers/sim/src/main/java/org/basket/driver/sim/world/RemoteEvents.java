package org.basket.driver.sim.world;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.basket.api.driver.DomainState;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.DriverListener;
import org.basket.api.model.Capacity;
import org.basket.driver.sim.ListenerRegistration;
import org.basket.driver.sim.SimulatedHost;

/**
 * A client's stream of a world's events, on a thread of its own that delivers them in order. When
 * the stream breaks (the world died, stopped answering its pings for 5 s, or dropped a slow reader)
 * every host attached through the client loses contact, in one event each; the stream is opened
 * again every 500 ms, then the hosts are attached again (a restarted world has none) and those the
 * world reaches regain contact.
 */
final class RemoteEvents {
    static final int READ_TIMEOUT_MS = 5000;
    static final long RETRY_MS = 500;

    private record Subscriber(DriverListener listener, Predicate<String> hosts) {
    }

    private final RemoteDatacenter world;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile Socket socket;
    private volatile boolean closed;

    RemoteEvents(RemoteDatacenter world) {
        this.world = world;
        this.thread = new Thread(this::run, "sim-world-events " + world.where());
        thread.setDaemon(true);
        thread.start();
    }

    ListenerRegistration subscribe(DriverListener listener, Predicate<String> hosts) {
        Subscriber subscriber = new Subscriber(listener, hosts);
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    void close() {
        closed = true;
        thread.interrupt();
        closeSocket();
    }

    private void run() {
        boolean lost = false;
        while (!closed) {
            try (Socket stream = new Socket()) {
                stream.connect(world.address(), READ_TIMEOUT_MS);
                socket = stream;
                stream.setSoTimeout(READ_TIMEOUT_MS);
                OutputStream out = stream.getOutputStream();
                out.write("events\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                LineReader in = new LineReader(new BufferedInputStream(stream.getInputStream()), Line.MAX_ANSWER_LENGTH);
                if (!"ok".equals(in.next())) {
                    throw new IOException("the world refused the event stream");
                }
                if (lost) {
                    reattach();
                }
                lost = false;
                for (String line = in.next(); line != null && !closed; line = in.next()) {
                    deliver(Line.split(line));
                }
                throw new IOException("the world closed the event stream");
            } catch (IOException | RuntimeException e) {
                if (!lost && !closed) {
                    lost = true;
                    String reason = world.unreachable(e);
                    world.attached().keySet().forEach(host -> publish(host, l -> l.hostContact(host, false, reason)));
                }
            }
            pause();
        }
    }

    /** A restarted world knows none of the hosts: attach them again, then tell which ones it reaches. */
    private void reattach() {
        for (Map.Entry<String, Capacity> host : world.attached().entrySet()) {
            try {
                world.attach(host.getKey(), host.getValue());
            } catch (DriverException e) {
                // powered off or cut off in the world: it stays out of contact
            }
        }
        try {
            for (SimulatedHost host : world.hosts()) {
                if (host.reachable() && world.attached().containsKey(host.name())) {
                    publish(host.name(), l -> l.hostContact(host.name(), true, "simulated " + world.where() + " answers again"));
                }
            }
        } catch (RuntimeException e) {
            // gone again: the stream will say so
        }
    }

    private void deliver(List<String> event) {
        switch (event.get(0)) {
            case "domain" -> publish(event.get(1), l -> l.domainChanged(event.get(1), event.get(2), DomainState.valueOf(event.get(3))));
            case "contact" -> publish(event.get(1), l -> l.hostContact(event.get(1), Boolean.parseBoolean(event.get(2)), event.get(3)));
            case "ping" -> { }
            default -> throw new IllegalStateException("the world sent '" + String.join(" ", event) + "'");
        }
    }

    private void publish(String host, Consumer<DriverListener> event) {
        for (Subscriber subscriber : subscribers) {
            if (subscriber.hosts.test(host)) {
                try {
                    event.accept(subscriber.listener);
                } catch (RuntimeException e) {
                    Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), e);
                }
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_MS);
        } catch (InterruptedException e) {
            closed = true;
        }
    }

    private void closeSocket() {
        Socket current = socket;
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}

package org.basket.driver.sim.world;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.basket.api.driver.DomainState;
import org.basket.api.driver.DriverListener;
import org.basket.driver.sim.ListenerRegistration;
import org.basket.driver.sim.SimulatedDatacenter;

/**
 * One client's stream of the datacenter's driver events: {@code ok}, then one line per event,
 * {@code domain HOST DOMAIN STATE} or {@code contact HOST true|false REASON}, and {@code ping} every
 * second so that a client that died is noticed. A client that falls 10,000 events behind loses its
 * stream (it reconnects and reads the world again); the world never waits for a client.
 */
final class EventStream implements DriverListener {
    static final int MAX_QUEUED = 10_000;
    private static final String OVERFLOW = "";

    private final SimulatedDatacenter datacenter;
    private final Socket socket;
    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>(MAX_QUEUED);

    EventStream(SimulatedDatacenter datacenter, Socket socket) {
        this.datacenter = datacenter;
        this.socket = socket;
    }

    void run() throws IOException {
        OutputStream out = socket.getOutputStream();
        try (ListenerRegistration registration = datacenter.addListener(this, host -> true)) {
            write(out, "ok");
            while (true) {
                String line = queue.poll(1, TimeUnit.SECONDS);
                if (line == OVERFLOW) {
                    write(out, Line.join("refused", "more than " + MAX_QUEUED + " events not read: stream ended"));
                    return;
                }
                write(out, line == null ? "ping" : line);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void domainChanged(String host, String domain, DomainState state) {
        offer(Line.join("domain", host, domain, state.name()));
    }

    @Override
    public void hostContact(String host, boolean reachable, String reason) {
        offer(Line.join("contact", host, String.valueOf(reachable), reason));
    }

    private void offer(String line) {
        if (!queue.offer(line)) {
            queue.clear();
            queue.offer(OVERFLOW);
        }
    }

    private static void write(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}

package org.basket.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.ws.rs.sse.Sse;
import javax.ws.rs.sse.SseEventSink;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.ClusterEventListener;
import org.basket.api.cluster.ClusterService;
import org.basket.shell.view.EventView;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * The cluster's events to Server-Sent Events clients, each with its event's journaled id. A client that names the
 * last id it saw (Last-Event-ID) first gets every later event the manager still holds, then the live ones, each once
 * and in order. At most {@link #MAX_CLIENTS} clients; a comment every {@link #KEEP_ALIVE_S} s finds the gone ones.
 */
@Component(service = {EventStream.class, ClusterEventListener.class})
public final class EventStream implements ClusterEventListener {
    static final int MAX_CLIENTS = 64;
    static final int KEEP_ALIVE_S = 15;
    /** Live events a client may have waiting while its replay is sent. */
    static final int MAX_PENDING = 10_000;

    @Reference
    ClusterService cluster;

    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService keepAlive;

    @Activate
    void activate() {
        keepAlive = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "basket-rest-sse-keepalive"));
        keepAlive.scheduleWithFixedDelay(this::keepAlive, KEEP_ALIVE_S, KEEP_ALIVE_S, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        keepAlive.shutdownNow();
        clients.forEach(Client::close);
        clients.clear();
    }

    /** Opens a stream: the held events after {@code lastId} (-1: none), then every new one. */
    void open(SseEventSink sink, Sse sse, long lastId) {
        if (clients.size() >= MAX_CLIENTS) {
            throw new Problem(503, "Service Unavailable", MAX_CLIENTS + " event streams are open: no more", null);
        }
        Client client = new Client(sink, sse, lastId);
        clients.add(client);
        List<ClusterEvent> held = lastId < 0 ? List.of() : cluster.events(ClusterResource.HELD);
        client.replay(held);
    }

    int clients() {
        return clients.size();
    }

    @Override
    public void event(ClusterEvent event) {
        for (Client client : clients) {
            if (!client.offer(event)) {
                clients.remove(client);
            }
        }
    }

    private void keepAlive() {
        clients.removeIf(client -> !client.comment("keep-alive"));
    }

    /** One client: the last id it was sent, and the live events that wait while its replay is sent. */
    private static final class Client {
        private final SseEventSink sink;
        private final Sse sse;
        private long last;
        private List<ClusterEvent> pending = new ArrayList<>();

        Client(SseEventSink sink, Sse sse, long last) {
            this.sink = sink;
            this.sse = sse;
            this.last = last;
        }

        /** A comment first, so that the client has the answer's headers (and its EventSource opens) at once. */
        synchronized void replay(List<ClusterEvent> held) {
            sink.send(sse.newEventBuilder().comment("Basket's events").build());
            held.forEach(this::send);
            List<ClusterEvent> waiting = pending;
            pending = null;
            waiting.forEach(this::send);
        }

        /** False once the client is gone. */
        synchronized boolean offer(ClusterEvent event) {
            if (sink.isClosed()) {
                return false;
            }
            if (pending != null) {
                if (pending.size() >= MAX_PENDING) {
                    close();
                    return false;
                }
                pending.add(event);
                return true;
            }
            send(event);
            return true;
        }

        synchronized boolean comment(String text) {
            if (sink.isClosed()) {
                return false;
            }
            sink.send(sse.newEventBuilder().comment(text).build());
            return true;
        }

        private void send(ClusterEvent event) {
            if (event.sequence() <= last || sink.isClosed()) {
                return;
            }
            last = event.sequence();
            String data;
            try {
                data = JsonWriter.MAPPER.writeValueAsString(EventView.map(event));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            sink.send(sse.newEventBuilder().id(Long.toString(event.sequence())).name("cluster").data(data).build());
        }

        synchronized void close() {
            sink.close();
        }
    }
}

package org.basket.driver.sim.world;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import org.basket.driver.sim.SimulatedDatacenter;

/**
 * Serves one simulated datacenter on a loopback port: one request per connection (a line in, an
 * answer out; the client closing its connection interrupts its call, as an interrupted driver call
 * would be), or {@code events}, which streams the datacenter's driver events until either side
 * closes. What a client can make it hold is bounded: a request line of 8 KiB and 16 fields, read
 * within the request timeout; 256 connections at once; 10,000 events queued per stream.
 */
public final class WorldServer implements AutoCloseable {
    static final int MAX_CONNECTIONS = 256;
    static final int MAX_FIELDS = 16;

    private final SimulatedDatacenter datacenter;
    private final WorldRequests requests;
    private final ServerSocket server;
    private final Duration requestTimeout;
    private final Semaphore connections = new Semaphore(MAX_CONNECTIONS);
    private final ExecutorService threads = Executors.newCachedThreadPool(named());

    public WorldServer(SimulatedDatacenter datacenter, int port, Duration requestTimeout) throws IOException {
        this.datacenter = datacenter;
        this.requests = new WorldRequests(datacenter);
        this.requestTimeout = requestTimeout;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        threads.execute(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                if (connections.tryAcquire()) {
                    threads.execute(() -> serve(socket));
                } else {
                    answerAndClose(socket, WorldRequests.refusal("too many connections (at most " + MAX_CONNECTIONS + ")"));
                }
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.err.println("world: accept failed: " + e.getMessage());
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout((int) requestTimeout.toMillis());
            String line;
            try {
                line = new LineReader(socket.getInputStream(), Line.MAX_REQUEST_LENGTH).next();
            } catch (SocketTimeoutException e) {
                write(socket, WorldRequests.refusal("no request within " + requestTimeout.toMillis() + " ms"));
                return;
            } catch (LineReader.LineTooLongException e) {
                write(socket, WorldRequests.refusal("request longer than " + Line.MAX_REQUEST_LENGTH + " bytes"));
                drain(socket);
                return;
            }
            if (line == null) {
                return;
            }
            List<String> request;
            try {
                request = Line.split(line);
                if (request.size() > MAX_FIELDS) {
                    throw new IllegalArgumentException("request of more than " + MAX_FIELDS + " fields");
                }
                WorldRequests.checkShape(request);
            } catch (IllegalArgumentException e) {
                write(socket, WorldRequests.refusal(e.getMessage()));
                return;
            }
            socket.setSoTimeout(0);
            if (request.get(0).equals("events")) {
                new EventStream(datacenter, socket).run();
            } else {
                answer(socket, request);
            }
        } catch (IOException e) {
            // the client went away: nothing to answer
        } finally {
            connections.release();
        }
    }

    /** Runs the call on a thread of its own while this one watches for the client closing, which interrupts it. */
    private void answer(Socket socket, List<String> request) throws IOException {
        OutputStream out = socket.getOutputStream();
        Future<?> call = threads.submit(() -> {
            String answer = requests.answer(request, progress -> writeQuietly(out, Line.join("progress", progress)));
            writeQuietly(out, answer);
            try {
                socket.close();
            } catch (IOException e) {
                // the client is gone
            }
        });
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // a client sends nothing after its request
            }
        } catch (IOException e) {
            // closed by either side
        }
        call.cancel(true);
    }

    /**
     * Reads what the client still sends, at most 1 MiB within the request timeout, after a refusal: closing a
     * socket with unread input resets the connection, and the client might lose the refusal.
     */
    private static void drain(Socket socket) throws IOException {
        socket.shutdownOutput();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        long left = 1 << 20;
        for (int read = in.read(buffer); read > 0 && left > 0; read = in.read(buffer)) {
            left -= read;
        }
    }

    /** Writes a line of the answer; a client gone meanwhile is no error of the call, which its closing interrupts. */
    private static void writeQuietly(OutputStream out, String line) {
        try {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            // the client closed its connection
        }
    }

    private static void write(Socket socket, String line) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void answerAndClose(Socket socket, String line) {
        try (socket) {
            write(socket, line);
        } catch (IOException e) {
            // the refused client is gone
        }
    }

    private static java.util.concurrent.ThreadFactory named() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "world-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

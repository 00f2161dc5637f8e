package org.basket.channel.bench;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The attackers of {@link PreAuthCost}: {@code SlowClients <port> <count> one|spread} keeps {@code count}
 * connections to 127.0.0.1:port that finish TLS (trusting anything), announce a 1,000,000-byte frame and
 * send one byte every 5 s; a closed one is opened again after 100 ms. Prints how many were opened and
 * refused when its JVM is told to stop (SIGTERM).
 */
public final class SlowClients {
    private static final AtomicLong OPENED = new AtomicLong();
    private static final AtomicLong CLOSED = new AtomicLong();

    private SlowClients() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int count = Integer.parseInt(args[1]);
        boolean spread = args[2].equals("spread");
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(null, new TrustManager[] {new TrustAll()}, null);
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(8);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println(OPENED.get() + " connections opened, " + CLOSED.get() + " closed by the manager");
            System.out.flush();
        }));
        for (int i = 0; i < count; i++) {
            String from = spread ? "127.0.0." + (1 + i % 250) : "127.0.0.1";
            pool.execute(() -> open(pool, context, from, port));
        }
        Thread.currentThread().join();
    }

    private static void open(ScheduledExecutorService pool, SSLContext context, String from, int port) {
        try {
            Socket plain = new Socket();
            plain.bind(new InetSocketAddress(from, 0));
            plain.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            plain.setSoTimeout(30_000);
            SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, "127.0.0.1", port, true);
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            new DataOutputStream(out).writeInt(1_000_000);
            out.flush();
            OPENED.incrementAndGet();
            pool.schedule(() -> trickle(pool, context, from, port, socket), 5, TimeUnit.SECONDS);
        } catch (IOException e) {
            CLOSED.incrementAndGet();
            pool.schedule(() -> open(pool, context, from, port), 100, TimeUnit.MILLISECONDS);
        }
    }

    private static void trickle(ScheduledExecutorService pool, SSLContext context, String from, int port, SSLSocket socket) {
        try {
            socket.getOutputStream().write(0);
            socket.getOutputStream().flush();
            pool.schedule(() -> trickle(pool, context, from, port, socket), 5, TimeUnit.SECONDS);
        } catch (IOException e) {
            CLOSED.incrementAndGet();
            try {
                socket.close();
            } catch (IOException ignored) {
                // reconnecting anyway
            }
            pool.schedule(() -> open(pool, context, from, port), 100, TimeUnit.MILLISECONDS);
        }
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String type) {
        }

        @Override
        public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String type) {
        }

        @Override
        public java.security.cert.X509Certificate[] getAcceptedIssuers() {
            return new java.security.cert.X509Certificate[0];
        }
    }
}

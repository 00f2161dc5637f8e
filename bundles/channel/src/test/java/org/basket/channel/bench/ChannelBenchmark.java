package org.basket.channel.bench;

import java.util.function.BooleanSupplier;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.basket.channel.agent.AgentEnrolment;
import org.basket.channel.agent.AgentIdentity;
import org.basket.channel.agent.Enrolment;
import org.basket.channel.manager.ChannelListener;
import org.basket.channel.manager.EnrolmentTokens;
import org.basket.channel.manager.ManagerChannel;
import org.basket.channel.manager.ManagerChannelConfig;
import org.basket.channel.pki.CertificateAuthority;
import org.basket.channel.pki.TlsContexts;
import org.basket.channel.protocol.Command;
import org.basket.channel.protocol.CommandVerb;
import org.basket.channel.protocol.FrameCodec;
import org.basket.channel.protocol.Message;
import org.basket.channel.protocol.MessageType;

/**
 * Measures the agent channel on 127.0.0.1: enrolment, session opening (full TLS 1.3 mutual
 * handshake + HELLO/WELCOME), command round trip, and the manager's memory per idle session with
 * the agents in a second JVM. {@code ChannelBenchmark [idle sessions, default 200]}.
 */
public final class ChannelBenchmark {
    private static final Clock CLOCK = Clock.systemUTC();

    private ChannelBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int idleSessions = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path directory = Files.createTempDirectory("channel-bench");
        long start = System.nanoTime();
        CertificateAuthority authority = CertificateAuthority.openOrCreate(directory.resolve("ca"), CLOCK);
        System.out.printf("CA created (key pair, self-signed certificate, files synced): %.1f ms%n", millis(System.nanoTime() - start));
        EnrolmentTokens tokens = new EnrolmentTokens(directory.resolve("ca/tokens"), CLOCK);
        try (ManagerChannel manager = ManagerChannel.start(ManagerChannelConfig.defaults("127.0.0.1", 0), authority, tokens,
                new ChannelListener() { }, CLOCK)) {
            long[] enrolments = new long[idleSessions];
            for (int i = 0; i < idleSessions; i++) {
                String name = "agent-" + i;
                String token = tokens.issue(name, Duration.ofMinutes(10)).value();
                long t = System.nanoTime();
                AgentEnrolment.enrol(new Enrolment("127.0.0.1", manager.port(), name, token, authority.certificatePem(),
                        Duration.ofSeconds(30)), directory.resolve("agents").resolve(name));
                enrolments[i] = System.nanoTime() - t;
            }
            print("enrolment (agent key pair, CSR, TLS 1.3, token, certificate, files synced)",
                    Arrays.copyOfRange(enrolments, Math.min(20, idleSessions / 2), idleSessions));

            AgentIdentity identity = AgentIdentity.load(directory.resolve("agents/agent-0"));
            long[] sessions = new long[120];
            for (int i = 0; i < sessions.length; i++) {
                sessions[i] = openSession(identity, manager.port());
            }
            print("session opening (TCP, full TLS 1.3 mutual handshake, HELLO/WELCOME)", Arrays.copyOfRange(sessions, 20, sessions.length));

            measureIdleSessions(manager, directory.resolve("agents"), idleSessions);
        }
    }

    /** A new SSLContext each time (made before the clock starts), so nothing is resumed. */
    private static long openSession(AgentIdentity identity, int port) throws Exception {
        SSLContext context = TlsContexts.create(identity.key(), identity.caCertificate());
        long t = System.nanoTime();
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            TlsContexts.restrictToTls13(socket);
            socket.startHandshake();
            FrameCodec codec = new FrameCodec();
            codec.write(socket.getOutputStream(), Message.of(MessageType.HELLO).with("software", "bench").build());
            Message answer = codec.read(socket.getInputStream());
            if (answer.type() != MessageType.WELCOME) {
                throw new IllegalStateException("expected WELCOME: " + answer);
            }
            return System.nanoTime() - t;
        }
    }

    private static void measureIdleSessions(ManagerChannel manager, Path identities, int count) throws Exception {
        await(() -> manager.sessions().isEmpty());
        long heapBefore = usedHeapAfterGc();
        long rssBefore = residentKb();
        int threadsBefore = Thread.activeCount();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process agents = new ProcessBuilder(java, "-Xmx512m", "-Xss256k", "-cp", System.getProperty("java.class.path"),
                IdleAgents.class.getName(), identities.toString(), Integer.toString(manager.port()), Integer.toString(count))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream stdin = agents.getOutputStream(); InputStream stdout = agents.getInputStream()) {
            String line = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8)).readLine();
            if (!"READY".equals(line)) {
                throw new IllegalStateException("the agents' JVM said: " + line);
            }
            await(() -> manager.sessions().size() == count);
            long[] roundTrips = new long[2200];
            for (int i = 0; i < roundTrips.length; i++) {
                long t = System.nanoTime();
                manager.send("agent-" + (i % count), Command.of(CommandVerb.CHECK_NOW, "web"), Duration.ofSeconds(10))
                        .get(10, TimeUnit.SECONDS);
                roundTrips[i] = System.nanoTime() - t;
            }
            print("command round trip (COMMAND -> agent handler -> ACK, agents in another JVM)",
                    Arrays.copyOfRange(roundTrips, 200, roundTrips.length));
            long heapAfter = usedHeapAfterGc();
            long rssAfter = residentKb();
            System.out.printf("idle sessions: %d; manager heap per session: %.1f KiB; manager resident memory per session: %.1f KiB;"
                    + " manager threads per session: %.2f%n", count, (heapAfter - heapBefore) / 1024.0 / count,
                    (rssAfter - rssBefore) / (double) count, (Thread.activeCount() - threadsBefore) / (double) count);
        } finally {
            agents.waitFor(30, TimeUnit.SECONDS);
            agents.destroy();
        }
    }

    private static void print(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%s: n=%d, median %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n", what, sorted.length,
                millis(sorted[sorted.length / 2]), millis(sorted[(int) (sorted.length * 0.9)]),
                millis(sorted[(int) (sorted.length * 0.99)]), millis(sorted[sorted.length - 1]));
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long residentKb() throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(-1L);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(10);
        }
    }
}

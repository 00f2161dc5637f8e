package org.basket.channel.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

import org.basket.channel.manager.ChannelListener;
import org.basket.channel.manager.EnrolmentTokens;
import org.basket.channel.manager.ManagerChannel;
import org.basket.channel.manager.ManagerChannelConfig;
import org.basket.channel.pki.CertificateAuthority;

/**
 * What connections that never authenticate cost the manager (issue 20.3): {@code PreAuthCost <count> <seconds>
 * [spread]} starts a manager channel on 127.0.0.1 with its defaults, then {@link SlowClients} in another JVM
 * keeps {@code count} connections open that finish TLS, announce a 1,000,000-byte frame and send one byte
 * of it every 5 s, reconnecting when closed (from 127.0.0.1, or with {@code spread} from 250 loopback
 * addresses). Every 2 s it samples the manager's threads and its heap after a collection; prints the
 * largest of each over {@code seconds}, beside the figures before the attack.
 */
public final class PreAuthCost {
    private PreAuthCost() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        boolean spread = args.length > 2 && args[2].equals("spread");
        Path directory = Files.createTempDirectory("basket-preauth-bench");
        Clock clock = Clock.systemUTC();
        CertificateAuthority authority = CertificateAuthority.openOrCreate(directory.resolve("ca"), clock);
        EnrolmentTokens tokens = new EnrolmentTokens(directory.resolve("tokens"), clock);
        try (ManagerChannel manager = ManagerChannel.start(ManagerChannelConfig.defaults("127.0.0.1", 0), authority, tokens,
                new ChannelListener() { }, clock)) {
            long heapBefore = usedHeapAfterGc();
            int threadsBefore = Thread.activeCount();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process clients = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                    SlowClients.class.getName(), Integer.toString(manager.port()), Integer.toString(count),
                    spread ? "spread" : "one").redirectError(ProcessBuilder.Redirect.INHERIT).start();
            long heapMax = heapBefore;
            int threadsMax = threadsBefore;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(clients.getInputStream(), StandardCharsets.UTF_8))) {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
                while (System.nanoTime() < end) {
                    Thread.sleep(2000);
                    heapMax = Math.max(heapMax, usedHeapAfterGc());
                    threadsMax = Math.max(threadsMax, Thread.activeCount());
                }
                clients.toHandle().destroy();
                String summary = out.readLine();
                System.out.printf("%d slow connections (%s) for %d s: manager threads %d before, at most %d during; manager heap"
                        + " after GC %.1f MiB before, at most %.1f MiB during; clients: %s%n", count,
                        spread ? "from 250 addresses" : "from one address", seconds, threadsBefore, threadsMax,
                        heapBefore / 1048576.0, heapMax / 1048576.0, summary);
            } finally {
                clients.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}

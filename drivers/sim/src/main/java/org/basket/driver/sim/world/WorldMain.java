package org.basket.driver.sim.world;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.basket.driver.sim.SimulatedDatacenter;

/**
 * A simulated world as a process of its own: {@code java -cp <sim and api jars> org.basket.driver.sim.world.WorldMain
 * [--port N] [--latency-ms N] [--request-timeout-ms N]}. It serves one simulated datacenter (not a
 * real hypervisor) on 127.0.0.1, prints {@code world listening on 127.0.0.1:PORT} once it does, and
 * runs until killed. Port 0 (the default) picks a free one.
 */
public final class WorldMain {

    private WorldMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = 0;
        long latencyMs = 20;
        long requestTimeoutMs = 10_000;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                usage("no value for " + args[i]);
            }
            switch (args[i]) {
                case "--port" -> port = (int) number(args[i], args[i + 1], 0, 65_535);
                case "--latency-ms" -> latencyMs = number(args[i], args[i + 1], 0, Long.MAX_VALUE);
                case "--request-timeout-ms" -> requestTimeoutMs = number(args[i], args[i + 1], 1, Integer.MAX_VALUE);
                default -> usage("unknown option " + args[i]);
            }
        }
        SimulatedDatacenter datacenter = new SimulatedDatacenter();
        datacenter.setLatency(Duration.ofMillis(latencyMs));
        WorldServer server = new WorldServer(datacenter, port, Duration.ofMillis(requestTimeoutMs));
        System.out.println("world listening on 127.0.0.1:" + server.port());
        System.out.flush();
        new CountDownLatch(1).await();
    }

    private static long number(String option, String value, long min, long max) {
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        usage(option + " must be a whole number from " + min + " to " + max + ": '" + value + "'");
        return 0;
    }

    private static void usage(String problem) {
        System.err.println("world: " + problem);
        System.err.println("usage: WorldMain [--port N] [--latency-ms N] [--request-timeout-ms N]");
        System.exit(2);
    }
}

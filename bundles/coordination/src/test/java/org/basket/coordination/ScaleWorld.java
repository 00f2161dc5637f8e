package org.basket.coordination;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.basket.api.model.Capacity;
import org.basket.driver.sim.SimulatedDatacenter;
import org.basket.driver.sim.world.WorldServer;

/**
 * The simulated world of {@link ScaleBenchmark} as a process of its own: {@code hosts} hosts with {@code vmsPerHost}
 * VMs each already running (as in a datacenter Basket begins to watch), served on 127.0.0.1 like
 * {@code WorldMain}. Prints {@code world listening on 127.0.0.1:PORT} once it serves.
 */
public final class ScaleWorld {
    private ScaleWorld() {
    }

    public static void main(String[] args) throws Exception {
        int hosts = Integer.parseInt(args[0]);
        int vmsPerHost = Integer.parseInt(args[1]);
        long latencyMs = Long.parseLong(args[2]);
        SimulatedDatacenter datacenter = new SimulatedDatacenter();
        datacenter.setLatency(Duration.ZERO);
        for (int h = 1; h <= hosts; h++) {
            datacenter.addHost(ScaleNames.host(h), new Capacity(64, 256 * 1024));
            for (int v = 1; v <= vmsPerHost; v++) {
                datacenter.start(ScaleNames.host(h), ScaleNames.vm(h, v));
            }
        }
        datacenter.setLatency(Duration.ofMillis(latencyMs));
        WorldServer server = new WorldServer(datacenter, 0, Duration.ofSeconds(10));
        System.out.println("world listening on 127.0.0.1:" + server.port());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}

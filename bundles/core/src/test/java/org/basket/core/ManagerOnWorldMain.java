package org.basket.core;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.basket.driver.sim.world.RemoteDatacenter;

/**
 * A manager JVM for {@link RemoteWorldRecoveryTest}: {@link WorldCluster} on the world at 127.0.0.1:PORT with its
 * journal at JOURNAL; says "ready" once the world runs every VM on one host, then runs until killed.
 */
public final class ManagerOnWorldMain {

    private ManagerOnWorldMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        ClusterManager manager = new ClusterManager();
        WorldCluster.start(manager, "127.0.0.1:" + port, Path.of(args[1]));
        try (RemoteDatacenter world = new RemoteDatacenter(new InetSocketAddress("127.0.0.1", port))) {
            while (!WorldCluster.VMS.stream().allMatch(vm -> WorldCluster.runningOn(world, vm).size() == 1)) {
                Thread.sleep(20);
            }
        }
        System.out.println("ready");
        System.out.flush();
        new CountDownLatch(1).await();
    }
}

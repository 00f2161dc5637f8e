package org.basket.driver.sim.world;

import java.net.InetSocketAddress;

import org.basket.api.model.Capacity;
import org.basket.driver.sim.Operation;
import org.basket.testsupport.RecordingDriverListener;

/**
 * A client JVM for {@link RemoteWorldTest}: attaches HOST of the world at 127.0.0.1:PORT, listens to its
 * events, says "ready", then starts vm-hung on it, which the test made hang, until it is killed.
 */
public final class WorldClientMain {

    private WorldClientMain() {
    }

    public static void main(String[] args) throws Exception {
        RemoteDatacenter world = new RemoteDatacenter(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])));
        world.addListener(new RecordingDriverListener(), host -> true);
        world.attach(args[1], new Capacity(4, 4096));
        world.hang(Operation.START, "vm-hung");
        System.out.println("ready");
        System.out.flush();
        world.start(args[1], "vm-hung");
    }
}

package org.basket.coordination;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.basket.api.config.ConfigException;
import org.basket.api.coordination.CoordinationException;
import org.basket.api.coordination.Role;
import org.basket.api.coordination.StaleEpochException;

/**
 * One manager as a process of its own, for the tests and the failover benchmark. Prints, each line stamped with the
 * monotonic clock (shared by the processes of one machine):
 * <pre>
 *   NANOS ROLE KIND EPOCH                  on every role change
 *   NANOS TICK LEADS EPOCH RESULT KEY      every 25 ms once it has led: leadsAt(the epoch it last led in), then a write
 *                                          with that epoch of the key w/ID-EPOCH-SEQ: OK, STALE or ERROR; stamped
 *                                          just before leadsAt
 * </pre>
 * Arguments: manager id, connect string, chroot, session timeout ms, lease ms.
 */
public final class Contender {
    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    private Contender() {
    }

    public static void main(String[] args) throws InterruptedException, ConfigException {
        String id = args[0];
        CoordinationSettings settings = CoordinationSettings.from(Map.of("mode", "zookeeper", "manager.id", id,
                "zookeeper.connect", args[1], "zookeeper.chroot", args[2], "session.timeout.ms", args[3], "lease.ms",
                args[4]));
        ZooKeeperCoordination coordination = ZooKeeperCoordination.start(settings);
        ZooKeeperSharedState state = new ZooKeeperSharedState(coordination, Clients.acl(settings));
        coordination.addRoleListener((previous, current) -> print(System.nanoTime(), "ROLE " + current.kind() + " " + current.epoch()));
        long ledIn = 0;
        for (long seq = 1; ; seq++) {
            Role role = coordination.role();
            if (role.kind() == Role.Kind.LEADER) {
                ledIn = role.epoch();
            }
            if (ledIn > 0) {
                // stamped before leadsAt reads the clock: a tick stamped after an event was decided after it
                long at = System.nanoTime();
                boolean leads = coordination.leadsAt(ledIn);
                String key = "w/" + id + "-" + ledIn + "-" + seq;
                print(at, "TICK " + leads + " " + ledIn + " " + write(state, ledIn, key) + " " + key);
            }
            Thread.sleep(25);
        }
    }

    private static String write(ZooKeeperSharedState state, long epoch, String key) {
        try {
            state.write(epoch, key, new byte[] {1});
            return "OK";
        } catch (StaleEpochException e) {
            return "STALE";
        } catch (CoordinationException e) {
            return "ERROR";
        }
    }

    private static synchronized void print(long nanos, String line) {
        OUT.println(nanos + " " + line);
    }
}

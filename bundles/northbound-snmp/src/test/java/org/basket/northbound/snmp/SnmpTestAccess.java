package org.basket.northbound.snmp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.basket.api.cluster.ClusterEventListener;
import org.basket.api.cluster.ClusterService;

/** The SNMP interface and a real snmptrapd for tests in other packages (the manager's, which binds listeners). */
public final class SnmpTestAccess implements AutoCloseable {
    private final SnmpNorthbound snmp;

    private SnmpTestAccess(SnmpNorthbound snmp) {
        this.snmp = snmp;
    }

    /** Notifications as v2c traps to 127.0.0.1:{@code port}; no agent. */
    public static SnmpTestAccess start(ClusterService cluster, int port, Path state) {
        Map<String, Object> config = NotificationsTest.config();
        config.put("state.directory", state.toString());
        NotificationsTest.target(config, "nms", port, "v2c", "trap", "public", "");
        SnmpNorthbound snmp = new SnmpNorthbound(cluster);
        snmp.activate(config);
        return new SnmpTestAccess(snmp);
    }

    public ClusterEventListener listener() {
        return snmp;
    }

    public long dropped() {
        return snmp.dropped();
    }

    @Override
    public void close() {
        snmp.deactivate();
    }

    public static Receiver receiver(Path dir) throws IOException {
        return new Receiver(TrapReceiver.start(dir, "authCommunity log public"));
    }

    /** A real snmptrapd; what it was told as "notification host resource", in the order it came. */
    public record Receiver(TrapReceiver trapd) implements AutoCloseable {
        public int port() {
            return trapd.port;
        }

        public List<String> awaitTold(int count) {
            return trapd.awaitTraps(count).stream().map(t -> (t.notification().replace("BASKET-MIB::", "") + " "
                    + t.value("BASKET-MIB::basketEventHost.0") + " " + t.value("BASKET-MIB::basketEventResource.0"))
                    .strip()).toList();
        }

        @Override
        public void close() {
            trapd.close();
        }
    }
}

package org.basket.coordination;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

import org.basket.api.config.ConfigException;
import org.basket.api.coordination.Role;
import org.basket.api.coordination.SharedState;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real ZooKeeper server for a test class (a static {@code @RegisterExtension} field) and the managers each test
 * starts on it, closed after the test, the last opened first: 2 s sessions, 600 ms leases.
 */
final class ManagersOnZooKeeper implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
    private final String name;
    private final Deque<AutoCloseable> opened = new ConcurrentLinkedDeque<>();
    private ZooKeeperEnsemble server;

    ManagersOnZooKeeper(String name) {
        this.name = name;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = ZooKeeperEnsemble.start(name, 1, "maxSessionTimeout=3000");
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (AutoCloseable closeable = opened.pollFirst(); closeable != null; closeable = opened.pollFirst()) {
            closeable.close();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
    }

    ZooKeeperEnsemble server() {
        return server;
    }

    /** A manager's settings on this server under chroot; {@code extra} adds keys or replaces these. */
    CoordinationSettings settings(String id, String chroot, Map<String, String> extra) throws ConfigException {
        Map<String, String> properties = new HashMap<>(Map.of("mode", "zookeeper", "manager.id", id,
                "zookeeper.connect", server.connect(), "zookeeper.chroot", chroot, "session.timeout.ms", "2000",
                "lease.ms", "600"));
        properties.putAll(extra);
        return CoordinationSettings.from(properties);
    }

    CoordinationSettings settings(String id, String chroot) throws ConfigException {
        return settings(id, chroot, Map.of());
    }

    /** A manager under chroot, closed after the test unless {@link #close} closed it before. */
    ZooKeeperCoordination manager(String id, String chroot, Map<String, String> extra) throws ConfigException {
        return closedAfterTest(ZooKeeperCoordination.start(settings(id, chroot, extra)));
    }

    ZooKeeperCoordination manager(String id, String chroot) throws ConfigException {
        return manager(id, chroot, Map.of());
    }

    /** Closes what a test opened (a manager's client, say) after the test, before what was opened earlier. */
    <T extends AutoCloseable> T closedAfterTest(T closeable) {
        opened.addFirst(closeable);
        return closeable;
    }

    /** Ends a manager (or what else was opened) now: its session goes, and another manager can lead. */
    void close(AutoCloseable manager) throws Exception {
        manager.close();
        opened.remove(manager);
    }

    /** The shared state as the manager sees it, under the same chroot. */
    SharedState state(ZooKeeperCoordination manager, String chroot) throws Exception {
        return new ZooKeeperSharedState(manager, Clients.acl(settings(manager.managerId(), chroot)));
    }

    /** Waits until the manager leads and gives its epoch. */
    static long awaitLeading(ZooKeeperCoordination manager) {
        await().atMost(Duration.ofSeconds(20)).until(() -> manager.role().kind() == Role.Kind.LEADER);
        return manager.role().epoch();
    }
}

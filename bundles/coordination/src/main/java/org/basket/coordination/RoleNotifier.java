package org.basket.coordination;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.basket.api.coordination.Role;
import org.basket.api.coordination.RoleListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells the role listeners of every change, in order, on a thread of its own, so that no listener holds the lease. */
final class RoleNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(RoleNotifier.class);

    private final List<RoleListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "basket-coordination-events");
        t.setDaemon(true);
        return t;
    });

    void add(RoleListener listener) {
        listeners.add(listener);
    }

    void remove(RoleListener listener) {
        listeners.remove(listener);
    }

    void changed(Role previous, Role current) {
        LOG.info("Coordination: {} -> {}", previous, current);
        thread.execute(() -> {
            for (RoleListener listener : listeners) {
                try {
                    listener.roleChanged(previous, current);
                } catch (RuntimeException e) {
                    LOG.error("Coordination: a role listener failed on {} -> {}", previous, current, e);
                }
            }
        });
    }

    void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.basket.agents;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the listeners that something changed, on its own thread (never a session's): changes that
 * come while a call is pending are told once.
 */
final class ChangeNotifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeNotifier.class);

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread daemon = new Thread(runnable, "basket-agents-changes");
        daemon.setDaemon(true);
        return daemon;
    });

    void add(Runnable listener) {
        listeners.add(listener);
    }

    void changed() {
        if (pending.compareAndSet(false, true)) {
            thread.execute(this::tell);
        }
    }

    private void tell() {
        pending.set(false);
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.error("A listener of agent changes failed: {}", e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}

package org.basket.driver.zvm.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** While a relocation's move runs, one progress line a second: the time spent against VMRELOCATE's MAXTOTAL. */
final class Ticker implements AutoCloseable {
    private final ScheduledExecutorService clock;

    Ticker(String guest, String target, long maxTotalSeconds, Consumer<String> progress) {
        long started = System.nanoTime();
        String limit = maxTotalSeconds < 0 ? "no MAXTOTAL" : "MAXTOTAL " + maxTotalSeconds + " s";
        clock = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "zvm-relocation-" + guest);
            thread.setDaemon(true);
            return thread;
        });
        clock.scheduleAtFixedRate(() -> progress.accept("moving " + guest + " to " + target + ": "
                + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " s (" + limit + ")"), 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        clock.shutdownNow();
    }
}

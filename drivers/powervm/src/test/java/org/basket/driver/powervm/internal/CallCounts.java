package org.basket.driver.powervm.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** How many requests of each kind the simulated HMC answered: "Logon", "LogonOff", "PowerOn", "Migrate", ... */
final class CallCounts {
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();

    void count(String kind) {
        calls.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    long of(String kind) {
        return calls.getOrDefault(kind, new AtomicLong()).get();
    }
}

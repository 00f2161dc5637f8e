package org.basket.api.monitor;

import java.time.Instant;
import java.util.Optional;

/**
 * One VM's agent as the manager knows it.
 *
 * @param enrolled  it holds a valid (unrevoked) certificate
 * @param connected its session is open
 * @param since     when it connected, or when its session ended
 * @param address   where it connects from, while connected
 * @param software  what it says it runs, while connected
 * @param services  how many services it reported on, while connected
 * @param detail    why it is not connected, when it is not
 */
public record AgentStatus(String vm, boolean enrolled, boolean connected, Optional<Instant> since, String address,
        String software, int services, String detail) {
}

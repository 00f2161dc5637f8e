package org.basket.api.monitor;

import java.time.Instant;

/**
 * What an agent needs to enrol: the manager's channel address as HOST:PORT and a one-time token,
 * a secret that must not be logged.
 */
public record AgentEnrolment(String vm, String managerAddress, String token, Instant expiresAt) {

    @Override
    public String toString() {
        return "AgentEnrolment[vm=" + vm + ", manager=" + managerAddress + ", token=<hidden>, expires=" + expiresAt + "]";
    }
}

package org.basket.fence;

/** The fence agent actions Basket runs; {@link #agentName()} is the value of the {@code action} line. */
public enum FenceAction {
    ON("on"),
    OFF("off"),
    REBOOT("reboot"),
    STATUS("status"),
    MONITOR("monitor");

    private final String agentName;

    FenceAction(String agentName) {
        this.agentName = agentName;
    }

    public String agentName() {
        return agentName;
    }

    @Override
    public String toString() {
        return agentName;
    }
}

package org.basket.core.silence;

/** What the manager should do about one agent now. */
public enum SilenceAction {
    NOTHING,
    /** Tell the operator; touch nothing. */
    ALERT,
    /** Reset the agent's VM (hard reset through its hypervisor). */
    RESET_VM
}

package org.basket.fence;

/** Why running a fence agent failed. */
public enum FenceFailure {
    UNKNOWN_AGENT,
    INVALID_PARAMETERS,
    WRONG_CREDENTIALS,
    UNREACHABLE,
    TIMEOUT,
    /** The agent reported success but the device is not in the requested power state. */
    UNEXPECTED_STATE,
    AGENT_ERROR
}

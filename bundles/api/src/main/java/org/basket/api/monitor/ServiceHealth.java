package org.basket.api.monitor;

public enum ServiceHealth {
    OK,
    WARNING,
    /** Running but failing its check. */
    FAILED,
    NOT_RUNNING,
    UNKNOWN
}

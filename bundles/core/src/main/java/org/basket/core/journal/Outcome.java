package org.basket.core.journal;

/** How an operation or a fence ended. */
public enum Outcome {
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    CANCELLED,
    /** Not run: an action it waited for failed. */
    SKIPPED
}

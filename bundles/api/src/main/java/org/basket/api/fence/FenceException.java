package org.basket.api.fence;

/** Fencing failed or its outcome is unknown: the host must not be assumed to be off. */
public class FenceException extends Exception {
    private static final long serialVersionUID = 1L;

    public FenceException(String message) {
        super(message);
    }

    public FenceException(String message, Throwable cause) {
        super(message, cause);
    }
}

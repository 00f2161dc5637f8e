package org.basket.api.coordination;

/** The coordination could not do what was asked: the message says what and why. */
public class CoordinationException extends Exception {
    private static final long serialVersionUID = 1L;

    public CoordinationException(String message) {
        super(message);
    }

    public CoordinationException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.basket.api.coordination;

/** A write would break a bound of the shared state (key form or length, value size, number of keys); nothing was written. */
public class StateLimitException extends CoordinationException {
    private static final long serialVersionUID = 1L;

    public StateLimitException(String message) {
        super(message);
    }
}

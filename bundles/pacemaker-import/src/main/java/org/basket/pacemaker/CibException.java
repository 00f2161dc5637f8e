package org.basket.pacemaker;

/** A CIB that cannot be read at all: too large, not well-formed, not a CIB. */
public final class CibException extends Exception {
    private static final long serialVersionUID = 1L;

    public CibException(String message) {
        super(message);
    }

    public CibException(String message, Throwable cause) {
        super(message, cause);
    }
}

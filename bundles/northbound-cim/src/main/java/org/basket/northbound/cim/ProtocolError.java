package org.basket.northbound.cim;

/**
 * A request refused before any operation, at the HTTP level (DSP0200 section 7): the status and the
 * {@code CIMError} header to answer with.
 */
final class ProtocolError extends Exception {
    private final int status;
    private final String cimError;

    ProtocolError(int status, String cimError, String detail) {
        super(detail);
        this.status = status;
        this.cimError = cimError;
    }

    int status() {
        return status;
    }

    String cimError() {
        return cimError;
    }
}

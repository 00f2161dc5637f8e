package org.basket.northbound.cim;

/** A CIM status code (DSP0200) with its description: the answer to an operation that cannot be carried out. */
final class CimError extends Exception {
    static final int FAILED = 1;
    static final int INVALID_NAMESPACE = 3;
    static final int INVALID_PARAMETER = 4;
    static final int INVALID_CLASS = 5;
    static final int NOT_FOUND = 6;
    static final int NOT_SUPPORTED = 7;

    private final int code;

    CimError(int code, String description) {
        super(description);
        this.code = code;
    }

    int code() {
        return code;
    }
}

package org.basket.driver.zvm.internal;

import org.basket.api.driver.DriverException;

/**
 * An error answer of a Cloud Connector: its HTTP status and Feilong's error body ({@code overallRC}, {@code rc},
 * {@code rs}, {@code errmsg}, {@code modID}); the message says what was asked of which guest on which member.
 */
final class FeilongError extends DriverException {
    private static final long serialVersionUID = 1L;

    final int status;
    final int overallRC;
    final int rc;
    final int rs;
    final String errmsg;

    FeilongError(String what, int status, int overallRC, int rc, int rs, String errmsg) {
        super(what + ": " + describe(status, overallRC, errmsg) + " (HTTP " + status + ", overallRC " + overallRC
                + ", rc " + rc + ", rs " + rs + ")");
        this.status = status;
        this.overallRC = overallRC;
        this.rc = rc;
        this.rs = rs;
        this.errmsg = errmsg;
    }

    boolean notFound() {
        return status == 404;
    }

    /** Feilong's conflict class: the object is in a state (locked, busy, inactive) that does not allow the request. */
    boolean conflict() {
        return status == 409;
    }

    private static String describe(int status, int overallRC, String errmsg) {
        String text = errmsg == null || errmsg.isBlank() ? "no message" : errmsg.strip();
        return switch (status) {
            case 404 -> "not found: " + text;
            case 409 -> "busy or in a conflicting state: " + text;
            case 503 -> "connector busy (service unavailable): " + text;
            default -> overallRC == 8 ? "SMAPI call failed: " + text : text;
        };
    }
}

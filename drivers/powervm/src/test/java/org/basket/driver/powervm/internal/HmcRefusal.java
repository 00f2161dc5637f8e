package org.basket.driver.powervm.internal;

/** Why the simulated HMC ends a job with an error: an HSCL message. */
final class HmcRefusal extends Exception {
    private static final long serialVersionUID = 1L;

    HmcRefusal(String message) {
        super(message);
    }
}

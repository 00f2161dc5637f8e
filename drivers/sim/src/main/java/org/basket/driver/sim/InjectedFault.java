package org.basket.driver.sim;

/**
 * A fault waiting for calls of one operation on one target.
 *
 * @param target       a host name, a domain name, or {@link SimulatedDatacenter#ANY_TARGET}
 * @param failuresLeft how many more calls fail, 0 for a hang
 * @param hang         whether calls block until interrupted
 */
public record InjectedFault(Operation operation, String target, int failuresLeft, boolean hang) {

    @Override
    public String toString() {
        return operation + " " + target + ": " + (hang ? "hang" : "fail next " + failuresLeft);
    }
}

package org.basket.api.coordination;

/** A write carried an epoch that is no longer the latest: its writer no longer leads, and nothing was written. */
public class StaleEpochException extends CoordinationException {
    private static final long serialVersionUID = 1L;
    private final long epoch;

    public StaleEpochException(long epoch, String what) {
        super(what + " refused: epoch " + epoch + " is no longer the latest");
        this.epoch = epoch;
    }

    public long epoch() {
        return epoch;
    }
}

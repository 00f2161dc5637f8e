package org.basket.fence;

import org.basket.api.fence.FenceException;

/** A fence agent failure with its cause classified; the message never contains a secret value. */
public class FenceAgentException extends FenceException {
    private static final long serialVersionUID = 1L;

    private final FenceFailure failure;

    public FenceAgentException(FenceFailure failure, String message) {
        super(message);
        this.failure = failure;
    }

    public FenceFailure failure() {
        return failure;
    }
}

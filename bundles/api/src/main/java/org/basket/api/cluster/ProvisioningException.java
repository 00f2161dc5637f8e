package org.basket.api.cluster;

/** A provisioning step failed; the message names the step, the reason and what was undone or is left. */
public class ProvisioningException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProvisioningException(String message) {
        super(message);
    }
}

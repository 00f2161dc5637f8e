package org.basket.channel.agent;

import java.io.IOException;

/** The manager sent {@code REFUSED}: its reason is the message. */
class ManagerRefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    ManagerRefusedException(String reason) {
        super(reason);
    }
}

package org.basket.channel.protocol;

import java.io.IOException;

/** A frame that breaks the protocol: the session that sent it is closed. */
public class MalformedFrameException extends IOException {
    private static final long serialVersionUID = 1L;

    public MalformedFrameException(String message) {
        super(message);
    }
}

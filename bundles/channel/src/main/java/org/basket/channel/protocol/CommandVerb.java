package org.basket.channel.protocol;

import java.util.Locale;

/** What the manager can ask an agent to do. On the wire in lower case with dashes: {@code check-now}. */
public enum CommandVerb {
    START,
    STOP,
    RESTART,
    CHECK_NOW,
    /** Replace the agent's service definitions with the command's payload. */
    UPDATE_DEFINITIONS;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean needsService() {
        return this != UPDATE_DEFINITIONS;
    }

    public static CommandVerb fromWire(String name) throws MalformedFrameException {
        for (CommandVerb verb : values()) {
            if (verb.wireName().equals(name)) {
                return verb;
            }
        }
        throw new MalformedFrameException("unknown command '" + name + "'");
    }
}

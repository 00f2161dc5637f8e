package org.basket.channel.protocol;

import java.time.Instant;

/** An agent's sign of life: a sequence number (starting at 1 on each connection) and its own clock. */
public record Heartbeat(long sequence, Instant agentTime) {

    public Message toMessage() {
        return Message.of(MessageType.HEARTBEAT).with("seq", sequence).with("agent-time", agentTime).build();
    }

    public static Heartbeat from(Message message) throws MalformedFrameException {
        return new Heartbeat(message.requireLong("seq"), message.requireInstant("agent-time"));
    }
}

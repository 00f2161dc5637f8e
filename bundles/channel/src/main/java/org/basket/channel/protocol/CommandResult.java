package org.basket.channel.protocol;

import java.util.Objects;

/** An agent's answer to a command: done or not, and what it has to say about it. */
public record CommandResult(boolean ok, String detail) {
    public CommandResult {
        detail = Objects.requireNonNullElse(detail, "");
    }

    public static CommandResult done(String detail) {
        return new CommandResult(true, detail);
    }

    public static CommandResult failed(String detail) {
        return new CommandResult(false, detail);
    }

    public Message toAck(long commandId) {
        return Message.of(MessageType.ACK).with("id", commandId).with("ok", ok).with("detail", detail).build();
    }

    public static CommandResult fromAck(Message ack) throws MalformedFrameException {
        String ok = ack.require("ok");
        if (!ok.equals("true") && !ok.equals("false")) {
            throw new MalformedFrameException("ACK field 'ok' must be true or false: " + ok);
        }
        return new CommandResult(Boolean.parseBoolean(ok), ack.optional("detail", ""));
    }
}

package org.basket.channel.protocol;

import java.time.Instant;
import java.util.Objects;

import org.basket.api.monitor.ServiceHealth;

/** A guest service went from one health to another at {@code changedAt}, with the reason the agent knows. */
public record StateChange(String service, ServiceHealth from, ServiceHealth to, String reason, Instant changedAt) {
    public StateChange {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(changedAt, "changedAt");
    }

    public Message toMessage() {
        return Message.of(MessageType.STATE_CHANGE).with("service", service).with("from", from).with("to", to)
                .with("reason", reason).with("changed-at", changedAt).build();
    }

    public static StateChange from(Message message) throws MalformedFrameException {
        return new StateChange(message.require("service"), Health.parse(message, "from"), Health.parse(message, "to"),
                message.optional("reason", ""), message.requireInstant("changed-at"));
    }
}

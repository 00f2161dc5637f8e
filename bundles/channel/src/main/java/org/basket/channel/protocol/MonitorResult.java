package org.basket.channel.protocol;

import java.time.Instant;
import java.util.Objects;

import org.basket.api.monitor.ServiceHealth;

/** The outcome of one check of a guest service, as the agent saw it at {@code checkedAt}. */
public record MonitorResult(String service, ServiceHealth health, String detail, Instant checkedAt) {
    public MonitorResult {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(health, "health");
        detail = detail == null ? "" : detail;
        Objects.requireNonNull(checkedAt, "checkedAt");
    }

    public Message toMessage() {
        return Message.of(MessageType.MONITOR_RESULT).with("service", service).with("health", health)
                .with("detail", detail).with("checked-at", checkedAt).build();
    }

    public static MonitorResult from(Message message) throws MalformedFrameException {
        return new MonitorResult(message.require("service"), Health.parse(message, "health"),
                message.optional("detail", ""), message.requireInstant("checked-at"));
    }
}

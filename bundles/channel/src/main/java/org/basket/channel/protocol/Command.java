package org.basket.channel.protocol;

import java.util.Objects;

/**
 * A request from the manager to one agent. {@code service} names the guest service (all verbs but
 * {@code update-definitions}); {@code payload} carries the definitions of {@code update-definitions}.
 */
public record Command(CommandVerb verb, String service, String payload) {
    public Command {
        Objects.requireNonNull(verb, "verb");
        if (verb.needsService() && (service == null || service.isBlank())) {
            throw new IllegalArgumentException(verb.wireName() + " needs a service");
        }
        payload = payload == null ? "" : payload;
    }

    public static Command of(CommandVerb verb, String service) {
        return new Command(verb, service, "");
    }

    public static Command updateDefinitions(String definitions) {
        return new Command(CommandVerb.UPDATE_DEFINITIONS, null, definitions);
    }

    public Message toMessage(long id) {
        return Message.of(MessageType.COMMAND).with("id", id).with("verb", verb.wireName()).with("service", service)
                .with("payload", payload.isEmpty() ? null : payload).build();
    }

    public static Command from(Message message) throws MalformedFrameException {
        CommandVerb verb = CommandVerb.fromWire(message.require("verb"));
        String service = message.optional("service", null);
        if (verb.needsService() && (service == null || service.isBlank())) {
            throw new MalformedFrameException("command " + verb.wireName() + " without a service");
        }
        return new Command(verb, service, message.optional("payload", ""));
    }

    @Override
    public String toString() {
        return verb.wireName() + (service == null ? "" : " " + service);
    }
}

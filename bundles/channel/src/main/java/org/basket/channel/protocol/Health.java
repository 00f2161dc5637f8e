package org.basket.channel.protocol;

import org.basket.api.monitor.ServiceHealth;

final class Health {
    private Health() {
    }

    static ServiceHealth parse(Message message, String key) throws MalformedFrameException {
        String value = message.require(key);
        try {
            return ServiceHealth.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new MalformedFrameException(message.type() + " field '" + key + "' is not a service health: " + value);
        }
    }
}

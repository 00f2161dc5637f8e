package org.basket.core.config;

import java.time.Duration;

import org.basket.api.config.ConfigException;
import org.basket.core.silence.SilenceAction;
import org.basket.core.silence.SilencePolicy;

/** The agent silence policy from the manager's configuration. */
public final class SilenceSettings {
    private SilenceSettings() {
    }

    /** The policy, or a {@link ConfigException} naming the key with a bad value. */
    public static SilencePolicy read(ManagerConfig config) throws ConfigException {
        SilenceAction action = switch (config.agent_silence_action().trim()) {
            case "alert" -> SilenceAction.ALERT;
            case "reset" -> SilenceAction.RESET_VM;
            default -> throw new ConfigException("agent.silence.action", "must be alert or reset, not '"
                    + config.agent_silence_action() + "'");
        };
        if (config.agent_silence_max_resets() < 0) {
            throw new ConfigException("agent.silence.max.resets", "must not be negative: " + config.agent_silence_max_resets());
        }
        return new SilencePolicy(positive("agent.silence.grace.ms", config.agent_silence_grace_ms()),
                positive("agent.boot.grace.ms", config.agent_boot_grace_ms()), action, config.agent_silence_max_resets(),
                positive("agent.silence.reset.window.ms", config.agent_silence_reset_window_ms()));
    }

    /** The policy of a configuration that {@link #read} accepted. */
    public static SilencePolicy of(ManagerConfig config) {
        try {
            return read(config);
        } catch (ConfigException e) {
            throw new IllegalStateException("the manager's configuration was not checked: " + e.getMessage(), e);
        }
    }

    private static Duration positive(String key, long millis) throws ConfigException {
        if (millis <= 0) {
            throw new ConfigException(key, "must be positive: " + millis);
        }
        return Duration.ofMillis(millis);
    }
}

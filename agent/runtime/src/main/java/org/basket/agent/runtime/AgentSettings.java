package org.basket.agent.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.basket.api.config.ConfigException;
import org.basket.api.config.KeyProblems;
import org.basket.api.config.StrictConfig;

/**
 * The agent's own settings ({@code etc/org.basket.agent.cfg}, keys declared by {@link AgentConfig}); every key is optional.
 *
 * @param enrolFile         {@code enrol.file}: manager, token and VM name for the first start
 *                          (default: {@code $BASKET_ENROL_CONFIG}, else {@code /etc/basket-agent/enrol.cfg})
 * @param stateDirectory    {@code state.dir}: the identity and the last good definitions
 *                          (default: {@code $BASKET_AGENT_STATE}, else {@code /var/lib/basket-agent})
 * @param heartbeatInterval {@code heartbeat.interval.ms} (5000)
 * @param managerSilence    {@code manager.silence.ms}: no word from the manager this long ends the session (15000)
 * @param reconnectMin      {@code reconnect.min.ms} (1000) up to {@code reconnect.max.ms} (60000), doubling
 * @param reconnectMax      see {@code reconnectMin}
 * @param enrolRetryMin     {@code enrol.retry.min.ms} (5000) up to {@code enrol.retry.max.ms} (300000), doubling
 * @param enrolRetryMax     see {@code enrolRetryMin}
 * @param commandTimeout    {@code command.timeout.ms}: how long start, stop and restart wait for the expected
 *                          health, and update-definitions for the first checks (30000)
 */
public record AgentSettings(Path enrolFile, Path stateDirectory, Duration heartbeatInterval, Duration managerSilence,
        Duration reconnectMin, Duration reconnectMax, Duration enrolRetryMin, Duration enrolRetryMax,
        Duration commandTimeout) {

    public static final String PID = "org.basket.agent";
    static final String ENROL_ENV = "BASKET_ENROL_CONFIG";
    static final String STATE_ENV = "BASKET_AGENT_STATE";

    /** Defaults only: what the agent runs with when it has no configuration. */
    public static AgentSettings defaults(Map<String, String> environment) {
        try {
            return read(Map.of(), environment);
        } catch (ConfigException impossible) {
            throw new IllegalStateException("the declared defaults of AgentConfig are refused", impossible);
        }
    }

    /**
     * Reads Config Admin properties strictly ({@link AgentConfig}): an unknown key or a bad value is one
     * {@link ConfigException} naming every bad key. Keys of Config Admin, DS and File Install are ignored.
     */
    public static AgentSettings read(Map<String, ?> properties, Map<String, String> environment) throws ConfigException {
        KeyProblems problems = new KeyProblems();
        AgentConfig c = StrictConfig.read(AgentConfig.class, properties, problems);
        Path enrolFile = path(problems, "enrol.file", c.enrol_file(),
                environment.getOrDefault(ENROL_ENV, "/etc/basket-agent/enrol.cfg"));
        Path stateDirectory = path(problems, "state.dir", c.state_dir(),
                environment.getOrDefault(STATE_ENV, "/var/lib/basket-agent"));
        long heartbeat = problems.within("heartbeat.interval.ms", c.heartbeat_interval_ms(), 1, Long.MAX_VALUE);
        long silence = problems.within("manager.silence.ms", c.manager_silence_ms(), heartbeat + 1, Long.MAX_VALUE);
        long reconnectMin = problems.within("reconnect.min.ms", c.reconnect_min_ms(), 1, Long.MAX_VALUE);
        long reconnectMax = problems.within("reconnect.max.ms", c.reconnect_max_ms(), reconnectMin, Long.MAX_VALUE);
        long enrolMin = problems.within("enrol.retry.min.ms", c.enrol_retry_min_ms(), 1, Long.MAX_VALUE);
        long enrolMax = problems.within("enrol.retry.max.ms", c.enrol_retry_max_ms(), enrolMin, Long.MAX_VALUE);
        long command = problems.within("command.timeout.ms", c.command_timeout_ms(), 1, Long.MAX_VALUE);
        problems.throwIfAny();
        return new AgentSettings(enrolFile, stateDirectory, Duration.ofMillis(heartbeat), Duration.ofMillis(silence),
                Duration.ofMillis(reconnectMin), Duration.ofMillis(reconnectMax), Duration.ofMillis(enrolMin),
                Duration.ofMillis(enrolMax), Duration.ofMillis(command));
    }

    /** Where the settings came from, for messages: their file, else the PID. */
    static String source(Map<String, ?> properties) {
        return StrictConfig.source(PID, properties);
    }

    private static Path path(KeyProblems problems, String key, String configured, String fallback) {
        String text = configured.isBlank() ? fallback : configured.strip();
        Path path = Path.of(text);
        if (!path.isAbsolute()) {
            problems.add(key, text, "not an absolute path");
        }
        return path;
    }
}

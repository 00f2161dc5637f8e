package org.basket.agent.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The agent's own settings ({@code etc/org.basket.agent.cfg}); every key is optional.
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
    private static final Set<String> KEYS = Set.of("enrol.file", "state.dir", "heartbeat.interval.ms",
            "manager.silence.ms", "reconnect.min.ms", "reconnect.max.ms", "enrol.retry.min.ms", "enrol.retry.max.ms",
            "command.timeout.ms");

    /** Defaults only: what the agent runs with when it has no configuration. */
    public static AgentSettings defaults(Map<String, String> environment) {
        return read(Map.of(), environment, "(defaults)");
    }

    /**
     * Reads Config Admin properties strictly: an unknown key or a bad value throws, naming the key and {@code source}.
     * Keys of Config Admin, DS and File Install ({@code service.*}, {@code component.*}, {@code felix.*},
     * {@code osgi.*}) are ignored.
     */
    public static AgentSettings read(Map<String, ?> properties, Map<String, String> environment, String source) {
        Reader reader = new Reader(properties, source);
        reader.rejectUnknownKeys();
        String enrolDefault = environment.getOrDefault(ENROL_ENV, "/etc/basket-agent/enrol.cfg");
        String stateDefault = environment.getOrDefault(STATE_ENV, "/var/lib/basket-agent");
        AgentSettings settings = new AgentSettings(reader.path("enrol.file", enrolDefault),
                reader.path("state.dir", stateDefault),
                reader.millis("heartbeat.interval.ms", 5_000), reader.millis("manager.silence.ms", 15_000),
                reader.millis("reconnect.min.ms", 1_000), reader.millis("reconnect.max.ms", 60_000),
                reader.millis("enrol.retry.min.ms", 5_000), reader.millis("enrol.retry.max.ms", 300_000),
                reader.millis("command.timeout.ms", 30_000));
        if (settings.managerSilence.compareTo(settings.heartbeatInterval) <= 0) {
            throw reader.invalid("manager.silence.ms", "must exceed heartbeat.interval.ms");
        }
        if (settings.reconnectMax.compareTo(settings.reconnectMin) < 0) {
            throw reader.invalid("reconnect.max.ms", "must not be below reconnect.min.ms");
        }
        if (settings.enrolRetryMax.compareTo(settings.enrolRetryMin) < 0) {
            throw reader.invalid("enrol.retry.max.ms", "must not be below enrol.retry.min.ms");
        }
        return settings;
    }

    private record Reader(Map<String, ?> properties, String source) {

        void rejectUnknownKeys() {
            for (String key : new TreeSet<>(properties.keySet())) {
                boolean foreign = key.startsWith("service.") || key.startsWith("component.") || key.startsWith("felix.")
                        || key.startsWith("osgi.");
                if (!foreign && !KEYS.contains(key)) {
                    throw invalid(key, "unknown key (known: " + String.join(", ", new TreeSet<>(KEYS)) + ")");
                }
            }
        }

        Path path(String key, String fallback) {
            Object value = properties.get(key);
            String text = value == null ? fallback : value.toString().strip();
            if (text.isEmpty()) {
                throw invalid(key, "empty");
            }
            Path path = Path.of(text);
            if (!path.isAbsolute()) {
                throw invalid(key, "'" + text + "' is not an absolute path");
            }
            return path;
        }

        Duration millis(String key, long fallback) {
            Object value = properties.get(key);
            if (value == null) {
                return Duration.ofMillis(fallback);
            }
            try {
                long millis = Long.parseLong(value.toString().strip());
                if (millis > 0) {
                    return Duration.ofMillis(millis);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw invalid(key, "'" + value + "' is not a positive number of milliseconds");
        }

        IllegalArgumentException invalid(String key, String problem) {
            return new IllegalArgumentException(source + ": key '" + key + "': " + problem);
        }
    }
}

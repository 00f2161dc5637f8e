package org.basket.agent.monitors.support;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The optional {@code start} and {@code stop} shell commands of monitors that only observe (tcp, http,
 * nagios), declared by {@link ControlConfig}: each runs with {@code /bin/sh -c} and must finish within its
 * timeout with exit code 0.
 */
public final class ControlCommands {

    private ControlCommands() {
    }

    /** Reads the control parameters ({@link ControlConfig}); their keys were checked with the type's own. */
    public static void validate(Parameters parameters) {
        ControlConfig c = parameters.readShared(ControlConfig.class);
        parameters.positive("start.timeout.ms", c.start_timeout_ms());
        parameters.positive("stop.timeout.ms", c.stop_timeout_ms());
    }

    public static void run(Parameters parameters, String action) throws IOException {
        ControlConfig c = parameters.readShared(ControlConfig.class);
        String command = action.equals("start") ? c.start() : c.stop();
        if (command.isBlank()) {
            throw new UnsupportedOperationException(parameters.describe() + ": cannot " + action + " without a '"
                    + action + "' parameter");
        }
        Duration timeout = Duration.ofMillis(parameters.positive(action + ".timeout.ms",
                action.equals("start") ? c.start_timeout_ms() : c.stop_timeout_ms()));
        CommandOutcome outcome = ExternalCommand.run(List.of("/bin/sh", "-c", command), Map.of(), timeout);
        if (outcome.timedOut()) {
            throw new IOException(parameters.describe() + ": '" + action + "' command killed after "
                    + timeout.toMillis() + " ms: " + command);
        }
        if (outcome.exitCode() != 0) {
            throw new IOException(parameters.describe() + ": '" + action + "' command exited with "
                    + outcome.exitCode() + ": " + outcome.errorLine());
        }
    }
}

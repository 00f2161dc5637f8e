package org.basket.agent.monitors.support;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The optional {@code start} and {@code stop} shell commands of monitors that only observe (tcp, http,
 * nagios): each runs with {@code /bin/sh -c} and must finish within its timeout with exit code 0.
 */
public final class ControlCommands {

    public static final Set<String> PARAMETERS = Set.of("start", "stop", "start.timeout.ms", "stop.timeout.ms");
    private static final int DEFAULT_TIMEOUT_MS = 30_000;

    private ControlCommands() {
    }

    public static void validate(Parameters parameters) {
        parameters.positiveInt("start.timeout.ms", DEFAULT_TIMEOUT_MS);
        parameters.positiveInt("stop.timeout.ms", DEFAULT_TIMEOUT_MS);
    }

    public static void run(Parameters parameters, String action) throws IOException {
        String command = parameters.optional(action).orElseThrow(() -> new UnsupportedOperationException(
                parameters.describe() + ": cannot " + action + " without a '" + action + "' parameter"));
        Duration timeout = Duration.ofMillis(parameters.positiveInt(action + ".timeout.ms", DEFAULT_TIMEOUT_MS));
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

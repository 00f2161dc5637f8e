package org.basket.agent.monitors.ocf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.basket.agent.monitors.support.CommandOutcome;
import org.basket.agent.monitors.support.ExternalCommand;

/** Runs one action of a resource agent with the environment the OCF API defines. */
final class OcfAction {

    private OcfAction() {
    }

    static CommandOutcome run(OcfSettings settings, String action, Duration timeout) throws IOException {
        Files.createDirectories(settings.rsctmp(),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Map<String, String> environment = new HashMap<>();
        environment.put("OCF_ROOT", settings.ocfRoot().toString());
        environment.put("OCF_RA_VERSION_MAJOR", "1");
        environment.put("OCF_RA_VERSION_MINOR", "1");
        environment.put("OCF_RESOURCE_INSTANCE", settings.parameters().service().name());
        environment.put("OCF_RESOURCE_TYPE", settings.agentType());
        environment.put("OCF_RESOURCE_PROVIDER", settings.provider());
        environment.put("OCF_RESKEY_CRM_meta_timeout", Long.toString(timeout.toMillis()));
        environment.put("HA_RSCTMP", settings.rsctmp().toString());
        settings.agentParameters().forEach((name, value) -> environment.put("OCF_RESKEY_" + name, value));
        CommandOutcome outcome = ExternalCommand.run(List.of(settings.agentPath().toString(), action), environment, timeout);
        if (outcome.timedOut()) {
            throw new IOException(settings.describe() + ": " + settings.agentName() + " " + action
                    + " killed after " + timeout.toMillis() + " ms");
        }
        return outcome;
    }

    /** "ocf:heartbeat:Dummy start: OCF_ERR_GENERIC (1, generic error): <the agent's error line>" */
    static String explain(OcfSettings settings, String action, CommandOutcome outcome) {
        String line = outcome.errorLine();
        return settings.agentName() + " " + action + ": " + OcfExitCode.describe(outcome.exitCode())
                + (line.isEmpty() ? "" : ": " + line);
    }
}

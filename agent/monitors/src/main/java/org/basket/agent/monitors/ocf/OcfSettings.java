package org.basket.agent.monitors.ocf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.basket.agent.monitors.support.Parameters;
import org.basket.api.monitor.ServiceDefinition;

/**
 * An ocf service's parameters ({@link OcfConfig}): {@code agent} ("provider:type", e.g. heartbeat:Dummy), {@code ocf.root}
 * (default /usr/lib/ocf), {@code rsctmp} (HA_RSCTMP, default /run/basket-agent/ocf, cleared at boot),
 * {@code timeout.ms} for monitor, meta-data and validate-all (default 20 s), {@code start.timeout.ms}
 * and {@code stop.timeout.ms} (default 20 s), and the agent's own as {@code param.<name>}.
 */
record OcfSettings(Parameters parameters, String provider, String agentType, Path ocfRoot, Path rsctmp,
                   Map<String, String> agentParameters, Duration timeout, Duration startTimeout, Duration stopTimeout) {

    static final String PARAM_PREFIX = "param.";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final Pattern AGENT_PARAMETER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    static OcfSettings of(ServiceDefinition service) {
        Parameters parameters = new Parameters(service);
        OcfConfig c = parameters.read(OcfConfig.class);
        String agent = c.agent().strip();
        String[] parts = agent.startsWith("ocf:") ? agent.substring(4).split(":") : agent.split(":");
        if (parts.length != 2 || !NAME.matcher(parts[0]).matches() || !NAME.matcher(parts[1]).matches()) {
            throw parameters.invalid("agent", agent, "not provider:type, e.g. heartbeat:Dummy");
        }
        Map<String, String> agentParameters = parameters.withPrefix(PARAM_PREFIX);
        agentParameters.keySet().stream().filter(name -> !AGENT_PARAMETER.matcher(name).matches()).findFirst()
                .ifPresent(name -> {
                    throw parameters.invalid(PARAM_PREFIX + name, "not a valid OCF parameter name");
                });
        Path ocfRoot = Path.of(c.ocf_root().strip());
        OcfSettings settings = new OcfSettings(parameters, parts[0], parts[1], ocfRoot,
                Path.of(c.rsctmp().strip()), Map.copyOf(agentParameters),
                Duration.ofMillis(parameters.positive("timeout.ms", c.timeout_ms())),
                Duration.ofMillis(parameters.positive("start.timeout.ms", c.start_timeout_ms())),
                Duration.ofMillis(parameters.positive("stop.timeout.ms", c.stop_timeout_ms())));
        if (!Files.isExecutable(settings.agentPath())) {
            throw parameters.invalid("agent", "no executable resource agent at " + settings.agentPath()
                    + " (is its package installed?)");
        }
        return settings;
    }

    Path agentPath() {
        return ocfRoot.resolve("resource.d").resolve(provider).resolve(agentType);
    }

    String agentName() {
        return "ocf:" + provider + ":" + agentType;
    }

    String describe() {
        return parameters.describe();
    }
}

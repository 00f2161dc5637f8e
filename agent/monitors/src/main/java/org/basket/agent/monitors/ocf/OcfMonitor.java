package org.basket.agent.monitors.ocf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.basket.agent.monitors.support.CommandOutcome;
import org.basket.agent.monitors.support.SettingsMonitor;
import org.basket.api.monitor.CheckResult;
import org.basket.api.monitor.ServiceDefinition;
import org.basket.api.monitor.ServiceHealth;
import org.basket.api.monitor.ServiceMonitor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;



/**
 * OCF resource agents (the Linux-HA / Pacemaker agent library): start, stop and monitor actions with
 * the agent's parameters as OCF_RESKEY_*; validation against the agent's meta-data and validate-all.
 * See {@link OcfSettings} for the parameters.
 */
@Component(immediate = true, service = ServiceMonitor.class, property = ServiceMonitor.TYPE_PROPERTY + "=" + OcfMonitor.TYPE)
public class OcfMonitor extends SettingsMonitor<OcfSettings> {

    public static final String TYPE = "ocf";
    private static final int OCF_SUCCESS = 0;
    private static final int OCF_ERR_UNIMPLEMENTED = 3;

    private final Map<Path, OcfMetadata> metadataByAgent = new ConcurrentHashMap<>();

    public OcfMonitor() {
        super(TYPE);
    }

    @Activate
    void activate() {
        ready();
    }

    @Override
    public void validate(ServiceDefinition service) {
        OcfSettings settings = OcfSettings.of(service);
        OcfMetadata metadata;
        CommandOutcome validation;
        try {
            metadata = metadata(settings);
            checkParameters(settings, metadata);
            validation = OcfAction.run(settings, "validate-all", settings.timeout());
        } catch (IOException e) {
            throw settings.parameters().invalid("agent", e.getMessage());
        }
        if (validation.exitCode() != OCF_SUCCESS && validation.exitCode() != OCF_ERR_UNIMPLEMENTED) {
            throw new IllegalArgumentException(settings.describe() + ": "
                    + OcfAction.explain(settings, "validate-all", validation));
        }
    }

    private static void checkParameters(OcfSettings settings, OcfMetadata metadata) {
        Set<String> given = settings.agentParameters().keySet();
        for (String name : metadata.required()) {
            if (!given.contains(name)) {
                throw settings.parameters().invalid(OcfSettings.PARAM_PREFIX + name,
                        "missing; " + settings.agentName() + " requires it");
            }
        }
        for (String name : new TreeSet<>(given)) {
            if (!metadata.parameters().contains(name)) {
                throw settings.parameters().invalid(OcfSettings.PARAM_PREFIX + name, settings.agentName()
                        + " has no such parameter (it has: " + String.join(", ", new TreeSet<>(metadata.parameters())) + ")");
            }
        }
    }

    private OcfMetadata metadata(OcfSettings settings) throws IOException {
        OcfMetadata known = metadataByAgent.get(settings.agentPath());
        if (known != null) {
            return known;
        }
        CommandOutcome outcome = OcfAction.run(settings, "meta-data", settings.timeout());
        if (outcome.exitCode() != OCF_SUCCESS) {
            throw new IOException(OcfAction.explain(settings, "meta-data", outcome));
        }
        OcfMetadata parsed = OcfMetadata.parse(outcome.stdout());
        metadataByAgent.put(settings.agentPath(), parsed);
        return parsed;
    }

    @Override
    protected OcfSettings settings(ServiceDefinition service) {
        return OcfSettings.of(service);
    }

    @Override
    protected CheckResult check(OcfSettings settings) {
        try {
            CommandOutcome outcome = OcfAction.run(settings, "monitor", settings.timeout());
            ServiceHealth health = OcfExitCode.of(outcome.exitCode())
                    .map(OcfExitCode::monitorHealth).orElse(ServiceHealth.UNKNOWN);
            return new CheckResult(health, settings.describe() + ": " + OcfAction.explain(settings, "monitor", outcome));
        } catch (IOException e) {
            return new CheckResult(ServiceHealth.UNKNOWN, e.getMessage());
        }
    }

    @Override
    public void start(ServiceDefinition service) throws IOException {
        control(service, "start");
    }

    @Override
    public void stop(ServiceDefinition service) throws IOException {
        control(service, "stop");
    }

    private static void control(ServiceDefinition service, String action) throws IOException {
        OcfSettings settings = OcfSettings.of(service);
        CommandOutcome outcome = OcfAction.run(settings, action,
                "start".equals(action) ? settings.startTimeout() : settings.stopTimeout());
        if (outcome.exitCode() != OCF_SUCCESS) {
            throw new IOException(settings.describe() + ": " + OcfAction.explain(settings, action, outcome));
        }
    }
}

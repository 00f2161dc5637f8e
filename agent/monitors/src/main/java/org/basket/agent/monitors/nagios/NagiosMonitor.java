package org.basket.agent.monitors.nagios;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.basket.agent.monitors.support.CommandLine;
import org.basket.agent.monitors.support.CommandOutcome;
import org.basket.agent.monitors.support.ControlCommands;
import org.basket.agent.monitors.support.ControlConfig;
import org.basket.agent.monitors.support.ExternalCommand;
import org.basket.agent.monitors.support.Parameters;
import org.basket.agent.monitors.support.SettingsMonitor;
import org.basket.api.monitor.CheckResult;
import org.basket.api.monitor.ServiceDefinition;
import org.basket.api.monitor.ServiceHealth;
import org.basket.api.monitor.ServiceMonitor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;



/**
 * Any Nagios / Monitoring Plugins check: {@code plugin} (full path), {@code args} (split like a shell
 * splits words, no shell runs), {@code timeout.ms} (default 10 s). Exit 0 OK, 1 WARNING, 2 CRITICAL
 * (failed), 3 or a timeout UNKNOWN; the message is the plugin's first line without performance data.
 * Optional {@code start}/{@code stop} shell commands control the service.
 */
@Component(immediate = true, service = ServiceMonitor.class, property = ServiceMonitor.TYPE_PROPERTY + "=" + NagiosMonitor.TYPE)
public class NagiosMonitor extends SettingsMonitor<NagiosMonitor.Settings> {

    public static final String TYPE = "nagios";

    public NagiosMonitor() {
        super(TYPE);
    }

    @Activate
    void activate() {
        ready();
    }

    @Override
    protected CheckResult check(Settings settings) {
        try {
            CommandOutcome outcome = ExternalCommand.run(settings.command(), Map.of(), settings.timeout());
            if (outcome.timedOut()) {
                return new CheckResult(ServiceHealth.UNKNOWN, settings.describe() + ": " + settings.command().get(0)
                        + " killed after " + settings.timeout().toMillis() + " ms");
            }
            return new CheckResult(health(outcome.exitCode()), settings.describe() + ": " + message(outcome));
        } catch (IOException e) {
            return new CheckResult(ServiceHealth.UNKNOWN, settings.describe() + ": " + e.getMessage());
        }
    }

    static ServiceHealth health(int exitCode) {
        return switch (exitCode) {
            case 0 -> ServiceHealth.OK;
            case 1 -> ServiceHealth.WARNING;
            case 2 -> ServiceHealth.FAILED;
            default -> ServiceHealth.UNKNOWN;
        };
    }

    private static String message(CommandOutcome outcome) {
        String line = outcome.firstLine();
        int performanceData = line.indexOf('|');
        String text = (performanceData >= 0 ? line.substring(0, performanceData) : line).strip();
        if (outcome.exitCode() > 3) {
            return "exit code " + outcome.exitCode() + " (not a plugin status): " + text;
        }
        return text.isEmpty() ? "exit code " + outcome.exitCode() + ", no output" : text;
    }

    @Override
    public void start(ServiceDefinition service) throws IOException {
        ControlCommands.run(settings(service).parameters(), "start");
    }

    @Override
    public void stop(ServiceDefinition service) throws IOException {
        ControlCommands.run(settings(service).parameters(), "stop");
    }

    @Override
    protected Settings settings(ServiceDefinition service) {
        Parameters parameters = new Parameters(service);
        NagiosConfig c = parameters.read(NagiosConfig.class, ControlConfig.class);
        ControlCommands.validate(parameters);
        String plugin = c.plugin().strip();
        if (!new File(plugin).isAbsolute() || !new File(plugin).canExecute()) {
            throw parameters.invalid("plugin", plugin + " is not an executable file given by its full path");
        }
        List<String> command = new ArrayList<>(List.of(plugin));
        try {
            command.addAll(CommandLine.split(c.args()));
        } catch (IllegalArgumentException e) {
            throw parameters.invalid("args", e.getMessage());
        }
        return new Settings(parameters, List.copyOf(command),
                Duration.ofMillis(parameters.positive("timeout.ms", c.timeout_ms())));
    }

    record Settings(Parameters parameters, List<String> command, Duration timeout) {
        String describe() {
            return parameters.describe();
        }
    }
}

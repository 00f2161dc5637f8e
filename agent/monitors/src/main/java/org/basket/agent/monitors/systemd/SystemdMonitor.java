package org.basket.agent.monitors.systemd;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.basket.agent.monitors.support.CommandOutcome;
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
 * A systemd unit, through {@code systemctl is-active|start|stop|restart}. Parameters: {@code unit},
 * {@code systemctl} (default /bin/systemctl), {@code timeout.ms} for checks (default 10 s) and
 * {@code control.timeout.ms} for start, stop and restart (default 100 s).
 */
@Component(immediate = true, service = ServiceMonitor.class, property = ServiceMonitor.TYPE_PROPERTY + "=" + SystemdMonitor.TYPE)
public class SystemdMonitor extends SettingsMonitor<SystemdMonitor.Settings> {

    public static final String TYPE = "systemd";
    private static final Pattern UNIT_NAME = Pattern.compile("[A-Za-z0-9:_.@\\\\][A-Za-z0-9:_.@\\\\-]*");

    public SystemdMonitor() {
        super(TYPE);
    }

    @Activate
    void activate() {
        ready();
    }

    @Override
    protected CheckResult check(Settings settings) {
        try {
            CommandOutcome outcome = systemctl(settings, "is-active", settings.checkTimeout());
            if (outcome.timedOut()) {
                return new CheckResult(ServiceHealth.UNKNOWN, settings.describe()
                        + ": systemctl is-active gave no answer in " + settings.checkTimeout().toMillis() + " ms");
            }
            return UnitState.toResult(settings.unit(), outcome);
        } catch (IOException e) {
            return new CheckResult(ServiceHealth.UNKNOWN, settings.describe() + ": " + e.getMessage());
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

    @Override
    public void restart(ServiceDefinition service) throws IOException {
        control(service, "restart");
    }

    private void control(ServiceDefinition service, String verb) throws IOException {
        Settings settings = settings(service);
        CommandOutcome outcome = systemctl(settings, verb, settings.controlTimeout());
        if (outcome.timedOut()) {
            throw new IOException(settings.describe() + ": systemctl " + verb + " " + settings.unit()
                    + " killed after " + settings.controlTimeout().toMillis() + " ms");
        }
        if (outcome.exitCode() != 0) {
            throw new IOException(settings.describe() + ": systemctl " + verb + " " + settings.unit()
                    + " exited with " + outcome.exitCode() + ": " + outcome.errorLine());
        }
    }

    private static CommandOutcome systemctl(Settings settings, String verb, Duration timeout) throws IOException {
        return ExternalCommand.run(List.of(settings.systemctl(), verb, settings.unit()), Map.of(), timeout);
    }

    @Override
    protected Settings settings(ServiceDefinition service) {
        Parameters parameters = new Parameters(service);
        SystemdConfig c = parameters.read(SystemdConfig.class);
        String unit = c.unit().strip();
        if (!UNIT_NAME.matcher(unit).matches()) {
            throw parameters.invalid("unit", unit, "not a systemd unit name");
        }
        String systemctl = c.systemctl().strip();
        if (!new java.io.File(systemctl).canExecute()) {
            throw parameters.invalid("systemctl", systemctl + " is not an executable file");
        }
        return new Settings(parameters.describe(), unit, systemctl,
                Duration.ofMillis(parameters.positive("timeout.ms", c.timeout_ms())),
                Duration.ofMillis(parameters.positive("control.timeout.ms", c.control_timeout_ms())));
    }

    record Settings(String describe, String unit, String systemctl, Duration checkTimeout,
                            Duration controlTimeout) {
    }
}

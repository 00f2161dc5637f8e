package org.basket.agent.monitors.tcp;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.basket.agent.monitors.support.ControlCommands;
import org.basket.agent.monitors.support.ControlConfig;
import org.basket.agent.monitors.support.Parameters;
import org.basket.agent.monitors.support.SettingsMonitor;
import org.basket.api.monitor.CheckResult;
import org.basket.api.monitor.ServiceDefinition;
import org.basket.api.monitor.ServiceHealth;
import org.basket.api.monitor.ServiceMonitor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;



/**
 * A TCP port that accepts connections: {@code host} (default 127.0.0.1), {@code port},
 * {@code timeout.ms} (default 5 s). Refused means not running; no answer in time means failed.
 * Optional {@code start}/{@code stop} shell commands control the service.
 */
@Component(immediate = true, service = ServiceMonitor.class, property = ServiceMonitor.TYPE_PROPERTY + "=" + TcpMonitor.TYPE)
public class TcpMonitor extends SettingsMonitor<TcpMonitor.Settings> {

    public static final String TYPE = "tcp";

    public TcpMonitor() {
        super(TYPE);
    }

    @Activate
    void activate() {
        ready();
    }

    @Override
    protected CheckResult check(Settings settings) {
        String target = settings.host() + ":" + settings.port();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(settings.host(), settings.port()), settings.timeoutMs());
            return new CheckResult(ServiceHealth.OK, settings.describe() + ": " + target + " accepts connections");
        } catch (ConnectException e) {
            return new CheckResult(ServiceHealth.NOT_RUNNING, settings.describe() + ": " + target + " refused: " + e.getMessage());
        } catch (SocketTimeoutException e) {
            return new CheckResult(ServiceHealth.FAILED, settings.describe() + ": " + target
                    + " did not answer in " + settings.timeoutMs() + " ms");
        } catch (UnknownHostException e) {
            return new CheckResult(ServiceHealth.UNKNOWN, settings.describe() + ": key 'host': unknown host "
                    + settings.host());
        } catch (IOException e) {
            return new CheckResult(ServiceHealth.FAILED, settings.describe() + ": " + target + ": " + e);
        }
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
        TcpConfig c = parameters.read(TcpConfig.class, ControlConfig.class);
        ControlCommands.validate(parameters);
        if (c.port() < 1 || c.port() > 65_535) {
            throw parameters.invalid("port", Integer.toString(c.port()), "must be from 1 to 65535");
        }
        return new Settings(parameters, c.host().isBlank() ? "127.0.0.1" : c.host().strip(), c.port(),
                parameters.positive("timeout.ms", c.timeout_ms()));
    }

    record Settings(Parameters parameters, String host, int port, int timeoutMs) {
        String describe() {
            return parameters.describe();
        }
    }
}

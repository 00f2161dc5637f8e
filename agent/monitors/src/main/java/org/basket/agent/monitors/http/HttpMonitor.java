package org.basket.agent.monitors.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.basket.agent.monitors.support.ControlCommands;
import org.basket.agent.monitors.support.SettingsMonitor;
import org.basket.api.monitor.CheckResult;
import org.basket.api.monitor.ServiceDefinition;
import org.basket.api.monitor.ServiceHealth;
import org.basket.api.monitor.ServiceMonitor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;



/**
 * An HTTP(S) GET of {@code url} that must answer one of {@code expect.status} (default 200) and, if
 * given, a body in which {@code body.regex} is found, all within {@code timeout.ms} (default 5 s).
 * Redirects are not followed. A refused connection means not running. For HTTPS, {@code ca.file} (PEM)
 * names the certificate authorities to trust instead of the JVM's. Optional {@code start}/{@code stop}
 * shell commands control the service.
 */
@Component(immediate = true, service = ServiceMonitor.class, property = ServiceMonitor.TYPE_PROPERTY + "=" + HttpMonitor.TYPE)
public class HttpMonitor extends SettingsMonitor<HttpSettings> {

    public static final String TYPE = "http";

    private final TrustedClients clients = new TrustedClients();

    public HttpMonitor() {
        super(TYPE);
    }

    @Activate
    void activate() {
        ready();
    }

    @Override
    protected HttpSettings settings(ServiceDefinition service) {
        return HttpSettings.of(service);
    }

    @Override
    protected CheckResult check(HttpSettings settings) {
        String prefix = settings.describe() + ": GET " + settings.url();
        HttpClient client;
        try {
            client = settings.caFile().isPresent() ? clients.trusting(settings.caFile().get()) : clients.standard();
        } catch (IOException | GeneralSecurityException e) {
            return new CheckResult(ServiceHealth.UNKNOWN, settings.describe() + ": key 'ca.file': " + e.getMessage());
        }
        HttpRequest request = HttpRequest.newBuilder(settings.url()).GET()
                .timeout(Duration.ofMillis(settings.timeoutMs())).build();
        CompletableFuture<HttpResponse<String>> answer = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            return judge(settings, prefix, answer.get(settings.timeoutMs(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            answer.cancel(true);
            return new CheckResult(ServiceHealth.FAILED, prefix + ": no complete answer in " + settings.timeoutMs() + " ms");
        } catch (ExecutionException e) {
            return failure(prefix, settings, e.getCause());
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            return new CheckResult(ServiceHealth.UNKNOWN, prefix + ": interrupted");
        }
    }

    private static CheckResult judge(HttpSettings settings, String prefix, HttpResponse<String> response) {
        if (!settings.expectedStatus().contains(response.statusCode())) {
            return new CheckResult(ServiceHealth.FAILED, prefix + ": status " + response.statusCode()
                    + ", expected " + settings.expectedStatus());
        }
        if (settings.body().isPresent() && !settings.body().get().matcher(response.body()).find()) {
            return new CheckResult(ServiceHealth.FAILED, prefix + ": body does not match '"
                    + settings.body().get().pattern() + "'");
        }
        return new CheckResult(ServiceHealth.OK, prefix + ": status " + response.statusCode());
    }

    private static CheckResult failure(String prefix, HttpSettings settings, Throwable cause) {
        if (cause instanceof ConnectException) {
            return new CheckResult(ServiceHealth.NOT_RUNNING, prefix + ": connection refused");
        }
        if (cause instanceof HttpTimeoutException) {
            return new CheckResult(ServiceHealth.FAILED, prefix + ": no answer in " + settings.timeoutMs() + " ms");
        }
        return new CheckResult(ServiceHealth.FAILED, prefix + ": " + cause);
    }

    @Override
    public void start(ServiceDefinition service) throws IOException {
        ControlCommands.run(HttpSettings.of(service).parameters(), "start");
    }

    @Override
    public void stop(ServiceDefinition service) throws IOException {
        ControlCommands.run(HttpSettings.of(service).parameters(), "stop");
    }
}

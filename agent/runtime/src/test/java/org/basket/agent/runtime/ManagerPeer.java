package org.basket.agent.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.basket.api.monitor.ServiceDefinition;
import org.basket.api.monitor.ServiceHealth;
import org.basket.channel.manager.ChannelListener;
import org.basket.channel.manager.EnrolmentTokens;
import org.basket.channel.manager.ManagerChannel;
import org.basket.channel.manager.ManagerChannelConfig;
import org.basket.channel.manager.SessionInfo;
import org.basket.channel.pki.CertificateAuthority;
import org.basket.channel.protocol.Command;
import org.basket.channel.protocol.CommandResult;
import org.basket.channel.protocol.CommandVerb;
import org.basket.channel.protocol.MonitorResult;
import org.basket.channel.protocol.ServiceDefinitions;
import org.basket.channel.protocol.StateChange;

/** The manager's side for agent tests: a real CA, real one-time tokens, a real channel on 127.0.0.1; records what it hears. */
final class ManagerPeer implements ChannelListener, AutoCloseable {
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    final CertificateAuthority authority;
    final EnrolmentTokens tokens;
    final List<MonitorResult> results = new CopyOnWriteArrayList<>();
    final List<StateChange> changes = new CopyOnWriteArrayList<>();
    final List<String> connected = new CopyOnWriteArrayList<>();
    final List<String> refused = new CopyOnWriteArrayList<>();
    private ManagerChannel channel;
    private int port;

    ManagerPeer(Path directory) throws IOException, GeneralSecurityException {
        authority = CertificateAuthority.openOrCreate(directory.resolve("ca"), Clock.systemUTC());
        tokens = new EnrolmentTokens(directory.resolve("ca").resolve("tokens"), Clock.systemUTC());
        start(0);
    }

    private void start(int wanted) throws IOException, GeneralSecurityException {
        channel = ManagerChannel.start(ManagerChannelConfig.defaults("127.0.0.1", wanted), authority, tokens, this,
                Clock.systemUTC());
        port = channel.port();
    }

    int port() {
        return port;
    }

    void stop() {
        channel.close();
    }

    /** Starts again on the same port, as a manager restarted. */
    void restart() throws IOException, GeneralSecurityException {
        start(port);
    }

    /** Writes an enrolment file as the install script does, with a fresh token, and the CA beside it. */
    Path enrolmentFile(Path directory, String vm) throws IOException {
        return enrolmentFile(directory, vm, tokens.issue(vm, Duration.ofMinutes(10)).value());
    }

    Path enrolmentFile(Path directory, String vm, String token) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("ca.crt"), authority.certificatePem());
        Path file = directory.resolve("enrol.cfg");
        Files.writeString(file, "manager=127.0.0.1:" + port + "\ntoken=" + token + "\nvm=" + vm + "\n");
        return file;
    }

    boolean isConnected(String agent) {
        return channel.session(agent).isPresent();
    }

    CommandResult send(String agent, Command command) throws InterruptedException, ExecutionException, TimeoutException {
        return channel.send(agent, command, COMMAND_TIMEOUT).get(COMMAND_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
    }

    CommandResult define(String agent, List<ServiceDefinition> definitions) throws Exception {
        return send(agent, Command.updateDefinitions(ServiceDefinitions.encode(definitions)));
    }

    CommandResult command(String agent, CommandVerb verb, String service) throws Exception {
        return send(agent, Command.of(verb, service));
    }

    boolean heard(String service, ServiceHealth health) {
        return results.stream().anyMatch(result -> result.service().equals(service) && result.health() == health);
    }

    MonitorResult latest(String service) {
        MonitorResult latest = null;
        for (MonitorResult result : results) {
            if (result.service().equals(service)) {
                latest = result;
            }
        }
        return latest;
    }

    boolean changedTo(String service, ServiceHealth health) {
        return changes.stream().anyMatch(change -> change.service().equals(service) && change.to() == health);
    }

    @Override
    public void agentConnected(SessionInfo session) {
        connected.add(session.agentName());
    }

    @Override
    public void monitorResult(String agentName, MonitorResult result) {
        results.add(result);
    }

    @Override
    public void stateChanged(String agentName, StateChange change) {
        changes.add(change);
    }

    @Override
    public void refused(String remoteAddress, String reason) {
        refused.add(reason);
    }

    @Override
    public void close() {
        channel.close();
    }
}

package org.basket.channel;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;

import org.basket.channel.agent.AgentChannel;
import org.basket.channel.agent.AgentChannelConfig;
import org.basket.channel.agent.AgentEnrolment;
import org.basket.channel.agent.AgentIdentity;
import org.basket.channel.agent.CommandHandler;
import org.basket.channel.agent.Enrolment;
import org.basket.channel.agent.EnrolmentException;
import org.basket.channel.manager.EnrolmentToken;
import org.basket.channel.manager.EnrolmentTokens;
import org.basket.channel.manager.ManagerChannel;
import org.basket.channel.manager.ManagerChannelConfig;
import org.basket.channel.pki.CertificateAuthority;
import org.basket.testsupport.MutableClock;

/** A real manager channel on 127.0.0.1 with its CA in a temporary directory, and helpers to enrol and connect agents. */
final class ManagerFixture implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    final Path directory;
    final MutableClock clock = new MutableClock(Instant.now());
    final RecordingChannelListener events = new RecordingChannelListener();
    final CertificateAuthority authority;
    final EnrolmentTokens tokens;
    ManagerChannel channel;

    ManagerFixture(Path directory) throws IOException, GeneralSecurityException {
        this(directory, config(0));
    }

    ManagerFixture(Path directory, ManagerChannelConfig config) throws IOException, GeneralSecurityException {
        this(directory, config, CertificateAuthority.DEFAULT_AGENT_VALIDITY);
    }

    ManagerFixture(Path directory, ManagerChannelConfig config, Duration agentValidity)
            throws IOException, GeneralSecurityException {
        this.directory = directory;
        this.authority = CertificateAuthority.openOrCreate(directory.resolve("ca"), clock, agentValidity,
                CertificateAuthority.DEFAULT_CA_NAME);
        this.tokens = new EnrolmentTokens(directory.resolve("ca").resolve("tokens"), clock);
        this.channel = ManagerChannel.start(config, authority, tokens, events, clock);
    }

    static ManagerChannelConfig config(int port) {
        return ManagerChannelConfig.defaults("127.0.0.1", port);
    }

    int port() {
        return channel.port();
    }

    /** Closes the channel and starts a new one with the same CA on the same port. */
    void restart() throws IOException, GeneralSecurityException {
        int port = channel.port();
        channel.close();
        channel = ManagerChannel.start(config(port), authority, tokens, events, clock);
    }

    Enrolment enrolment(String agentName, String tokenValue) {
        return new Enrolment("127.0.0.1", port(), agentName, tokenValue, authority.certificatePem(), TIMEOUT);
    }

    AgentIdentity enrol(String agentName, Path agentDirectory) throws IOException, EnrolmentException {
        EnrolmentToken token = tokens.issue(agentName, Duration.ofMinutes(10));
        return AgentEnrolment.enrol(enrolment(agentName, token.value()), agentDirectory);
    }

    AgentChannelConfig agentConfig() {
        return AgentChannelConfig.defaults("127.0.0.1", port())
                .withHeartbeat(Duration.ofMillis(100), Duration.ofSeconds(10))
                .withBackoff(Duration.ofMillis(20), Duration.ofMillis(200));
    }

    AgentChannel connect(AgentIdentity identity, CommandHandler handler, RecordingAgentListener listener)
            throws GeneralSecurityException {
        AgentChannel agent = new AgentChannel(agentConfig(), identity, handler, listener, clock);
        agent.start();
        return agent;
    }

    @Override
    public void close() {
        channel.close();
    }
}

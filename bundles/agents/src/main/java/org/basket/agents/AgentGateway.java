package org.basket.agents;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import org.basket.api.config.ConfigException;
import org.basket.api.monitor.AgentEnrolment;
import org.basket.api.monitor.AgentException;
import org.basket.api.monitor.AgentStatus;
import org.basket.api.monitor.CheckResult;
import org.basket.api.monitor.GuestAgentAdmin;
import org.basket.api.monitor.GuestAgents;
import org.basket.api.monitor.ServiceDefinition;
import org.basket.channel.manager.AgentNotConnectedException;
import org.basket.channel.manager.EnrolmentToken;
import org.basket.channel.protocol.Command;
import org.basket.channel.protocol.CommandResult;
import org.basket.channel.protocol.CommandVerb;
import org.basket.channel.protocol.ServiceDefinitions;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real in-guest agents, seen from the manager: runs the agent channel (CA, enrolment tokens and the
 * TLS listener, kept in the state directory) and offers it as the {@link GuestAgents} gateway (ranked
 * above the simulator's) and as {@link GuestAgentAdmin}.
 */
@Component(configurationPid = AgentsSettings.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true,
        service = {GuestAgents.class, GuestAgentAdmin.class, AgentTrust.class},
        property = Constants.SERVICE_RANKING + ":Integer=100")
@Designate(ocd = AgentsConfig.class)
public class AgentGateway implements GuestAgents, GuestAgentAdmin, AgentTrust {
    /** The largest definitions payload one agent is given, well within a frame (1 MiB). */
    static final int MAX_DEFINITIONS_BYTES = 512 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(AgentGateway.class);

    private final Clock clock;
    private final ChangeNotifier changes = new ChangeNotifier();
    private final AgentReports reports;
    private volatile ChannelState state;

    public AgentGateway() {
        this(Clock.systemUTC());
    }

    AgentGateway(Clock clock) {
        this.clock = clock;
        this.reports = new AgentReports(clock, changes::changed);
    }

    @Activate
    void activate(Map<String, Object> properties) throws IOException, GeneralSecurityException {
        AgentsSettings settings;
        try {
            settings = AgentsSettings.from(properties);
        } catch (ConfigException e) {
            LOG.error("Agents: configuration refused, the defaults are used until it is fixed: {}",
                    e.describe(AgentsSettings.source(properties)));
            settings = defaults();
        }
        state = ChannelState.open(settings, reports, clock);
        LOG.info("Agents: channel on {}:{}, agents told {}, state in {}", settings.bindAddress(), state.channel().port(),
                state.advertisedAddress(), settings.stateDirectory());
    }

    /**
     * A bad configuration (an unknown key, a bad value) is logged and leaves everything as it was; a new
     * address, directory, limit or certificate validity reopens the listener.
     */
    @Modified
    synchronized void modified(Map<String, Object> properties) {
        AgentsSettings next;
        try {
            next = AgentsSettings.from(properties);
        } catch (ConfigException e) {
            LOG.error("Agents: configuration refused, keeping the running one: {}",
                    e.describe(AgentsSettings.source(properties)));
            return;
        }
        ChannelState current = state;
        if (current.settings().sameChannel(next)) {
            state = current.withSettings(next);
            LOG.info("Agents: configuration updated (command timeout {} ms, token validity {} ms)",
                    next.commandTimeout().toMillis(), next.tokenValidity().toMillis());
            return;
        }
        try {
            state = reopen(current, next);
            LOG.info("Agents: channel now on {}:{}, agents told {}", next.bindAddress(), state.channel().port(),
                    state.advertisedAddress());
        } catch (IOException | GeneralSecurityException e) {
            LOG.error("Agents: cannot apply the new configuration, keeping the channel on {}:{}: {}",
                    state.settings().bindAddress(), state.channel().port(), e.getMessage());
        }
    }

    /**
     * Opens the new listener before closing the old; when the new one needs the old one's port, closes
     * the old first and opens it again if the new cannot listen.
     */
    private ChannelState reopen(ChannelState current, AgentsSettings next) throws IOException, GeneralSecurityException {
        if (next.port() != current.channel().port()) {
            ChannelState opened = current.reopen(next, reports, clock);
            current.channel().close();
            return opened;
        }
        current.channel().close();
        try {
            return current.reopen(next, reports, clock);
        } catch (IOException | GeneralSecurityException e) {
            try {
                state = current.reopen(current.settings(), reports, clock);
            } catch (IOException | GeneralSecurityException again) {
                LOG.error("Agents: the channel is down: it can listen neither as configured nor as before: {}", again.getMessage());
            }
            throw e;
        }
    }

    private static AgentsSettings defaults() {
        try {
            return AgentsSettings.from(Map.of());
        } catch (ConfigException impossible) {
            throw new IllegalStateException("the declared defaults of AgentsConfig are refused", impossible);
        }
    }

    @Deactivate
    void deactivate() {
        ChannelState current = state;
        if (current != null) {
            current.channel().close();
        }
        changes.close();
        LOG.info("Agents: channel closed");
    }

    @Override
    public boolean serves(String vm) {
        ChannelState current = state;
        return reports.session(vm).isPresent() || current != null && current.authority().holdsValidCertificate(vm);
    }

    @Override
    public Optional<Map<String, CheckResult>> services(String vm) {
        return reports.services(vm);
    }

    /** At most {@value AgentReports#MAX_SERVICES} services of at most {@value #MAX_DEFINITIONS_BYTES} bytes encoded. */
    @Override
    public void define(String vm, List<ServiceDefinition> services) throws AgentException {
        List<String> names = services.stream().map(ServiceDefinition::name).toList();
        String payload = ServiceDefinitions.encode(services);
        int bytes = payload.getBytes(StandardCharsets.UTF_8).length;
        if (names.size() > AgentReports.MAX_SERVICES || bytes > MAX_DEFINITIONS_BYTES) {
            throw new AgentException("the definitions of VM " + vm + " (" + names.size() + " services, " + bytes
                    + " bytes) exceed what one agent is given: " + AgentReports.MAX_SERVICES + " services, "
                    + MAX_DEFINITIONS_BYTES + " bytes");
        }
        reports.defining(vm, names);
        CommandResult result = send(vm, Command.updateDefinitions(payload),
                "take the definitions of " + (names.isEmpty() ? "no service" : String.join(", ", names)));
        reports.defined(vm, names);
        if (!result.detail().isBlank()) {
            LOG.warn("Agent of VM {} took the definitions of {}: {}", vm, names, result.detail());
        }
    }

    @Override
    public void start(String vm, String service) throws AgentException {
        send(vm, Command.of(CommandVerb.START, service), "start " + service);
    }

    @Override
    public void stop(String vm, String service) throws AgentException {
        send(vm, Command.of(CommandVerb.STOP, service), "stop " + service);
    }

    @Override
    public void listen(Runnable changed) {
        changes.add(changed);
    }

    @Override
    public AgentEnrolment enrol(String vm, Duration validity) throws AgentException {
        ChannelState current = running(vm);
        Duration valid = validity == null ? current.settings().tokenValidity() : validity;
        try {
            EnrolmentToken token = current.tokens().issue(vm, valid);
            changes.changed();
            return new AgentEnrolment(vm, current.advertisedAddress(), token.value(), token.expiresAt());
        } catch (IOException | IllegalArgumentException e) {
            throw new AgentException("cannot issue an enrolment token for VM " + vm + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<AgentStatus> agents() {
        return state == null ? List.of() : statuses().all();
    }

    @Override
    public Optional<AgentStatus> agent(String vm) {
        return state == null ? Optional.empty() : statuses().of(vm);
    }

    /** Also withdraws the VM's unused enrolment tokens: the agent cannot come back without a new enrolment. */
    @Override
    public void revoke(String vm) throws AgentException {
        ChannelState current = running(vm);
        try {
            current.channel().revoke(vm);
            current.tokens().withdraw(vm);
        } catch (IOException | IllegalArgumentException e) {
            throw new AgentException("cannot revoke the certificate of VM " + vm + "'s agent: " + e.getMessage(), e);
        }
        changes.changed();
    }

    @Override
    public String caCertificatePem() {
        ChannelState current = state;
        if (current == null) {
            throw new IllegalStateException("the agent channel is not running");
        }
        return current.authority().certificatePem();
    }

    /** The port agents connect to, for tests and logs. */
    int port() {
        return state.channel().port();
    }

    private CommandResult send(String vm, Command command, String what) throws AgentException {
        ChannelState current = running(vm);
        Duration timeout = current.settings().commandTimeout();
        CommandResult result;
        try {
            result = current.channel().send(vm, command, timeout).get();
        } catch (ExecutionException e) {
            throw new AgentException(failure(vm, what, e.getCause(), timeout), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentException("interrupted while the agent of VM " + vm + " was asked to " + what, e);
        }
        if (!result.ok()) {
            throw new AgentException("the agent of VM " + vm + " could not " + what + ": " + result.detail());
        }
        return result;
    }

    private static String failure(String vm, String what, Throwable cause, Duration timeout) {
        if (cause instanceof AgentNotConnectedException) {
            return "the agent of VM " + vm + " is not connected: cannot " + what;
        }
        if (cause instanceof TimeoutException) {
            return "the agent of VM " + vm + " did not acknowledge within " + timeout.toMillis() + " ms: " + what;
        }
        return "the agent of VM " + vm + " was asked to " + what + " and failed: " + cause.getMessage();
    }

    private ChannelState running(String vm) throws AgentException {
        ChannelState current = state;
        if (current == null) {
            throw new AgentException("the agent channel is not running (VM " + vm + ")");
        }
        return current;
    }

    private AgentStatuses statuses() {
        ChannelState current = state;
        return new AgentStatuses(reports, current.authority(), current.tokens().list(), clock.instant());
    }
}

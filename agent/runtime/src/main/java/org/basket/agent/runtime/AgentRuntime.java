package org.basket.agent.runtime;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.basket.api.monitor.ServiceDefinition;
import org.basket.channel.agent.AgentChannel;
import org.basket.channel.agent.AgentChannelConfig;
import org.basket.channel.agent.AgentChannelListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent: monitors the last good definitions from disk at once, obtains its identity (enrolling on the
 * first start) in the background, then keeps a session with the manager, answering its commands and
 * sending the latest result of every service whenever a session opens.
 */
final class AgentRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentRuntime.class);
    static final String SOFTWARE = "basket-agent/0.1.0";

    private final AgentSettings settings;
    private final MonitorRegistry monitors;
    private final Clock clock;
    private final ChannelReports reports = new ChannelReports();
    private final DefinitionStore store;
    private final ServiceWatcher watcher;
    private final Enroller enroller;
    private final Thread connector;
    private volatile AgentChannel channel;
    private volatile boolean closed;

    AgentRuntime(AgentSettings settings, MonitorRegistry monitors, Clock clock) {
        this.settings = settings;
        this.monitors = monitors;
        this.clock = clock;
        this.store = new DefinitionStore(settings.stateDirectory());
        this.watcher = new ServiceWatcher(monitors, reports, clock);
        this.enroller = new Enroller(settings);
        this.connector = new Thread(this::connect, "basket-agent-start");
        this.connector.setDaemon(true);
    }

    void start() {
        monitors.onChange(watcher::monitorsChanged);
        try {
            List<ServiceDefinition> saved = store.load();
            watcher.replace(saved);
            watcher.startAll();
            LOG.info("Agent monitoring {} services from the last good definitions in {}", saved.size(), store.file());
        } catch (IOException e) {
            LOG.error("Agent starts without service definitions until the manager sends them: {}", e.getMessage());
        }
        connector.start();
    }

    ServiceWatcher watcher() {
        return watcher;
    }

    boolean isConnected() {
        AgentChannel current = channel;
        return current != null && current.isConnected();
    }

    private void connect() {
        try {
            Optional<Enroller.Enrolled> enrolled = enroller.enrolled();
            if (enrolled.isEmpty()) {
                return;
            }
            Enroller.Enrolled agent = enrolled.get();
            AgentChannelConfig defaults = AgentChannelConfig.defaults(agent.managerHost(), agent.managerPort());
            AgentChannelConfig config = new AgentChannelConfig(agent.managerHost(), agent.managerPort(),
                    settings.heartbeatInterval(), settings.managerSilence(), settings.reconnectMin(),
                    settings.reconnectMax(), defaults.connectTimeout(), SOFTWARE, defaults.maxFrameBytes());
            AgentChannel opened = new AgentChannel(config, agent.identity(),
                    new AgentCommands(watcher, store, settings.commandTimeout()), new Listener(), clock)
                    .renewingInto(settings.stateDirectory());
            synchronized (this) {
                if (closed) {
                    return;
                }
                channel = opened;
                reports.use(opened);
                opened.start();
            }
            LOG.info("Agent {} opens its session with the manager at {}:{}", agent.identity().name(),
                    agent.managerHost(), agent.managerPort());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (GeneralSecurityException e) {
            LOG.error("Agent cannot set up TLS with its identity in {}: {}", settings.stateDirectory(), e.getMessage());
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        enroller.stop();
        try {
            connector.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        AgentChannel current = channel;
        if (current != null) {
            current.close();
        }
        monitors.onChange(type -> { });
        watcher.close();
    }

    private final class Listener implements AgentChannelListener {
        @Override
        public void connected() {
            watcher.resendAll();
        }

        @Override
        public void refused(String reason) {
            LOG.error("The manager refused this agent's session: {}", reason);
        }
    }
}

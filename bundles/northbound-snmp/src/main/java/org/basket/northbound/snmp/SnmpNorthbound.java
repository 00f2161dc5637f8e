package org.basket.northbound.snmp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.ClusterEventListener;
import org.basket.api.cluster.ClusterService;
import org.basket.api.cluster.EventKind;
import org.basket.api.config.ConfigException;
import org.basket.api.model.ResourceStatus;
import org.basket.northbound.snmp.SnmpSettings.AgentSettings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Basket in SNMP, configured by etc/org.basket.snmp.cfg: hears every typed event of the cluster (as a
 * {@link ClusterEventListener}), turns those the monitoring layer must know into BASKET-MIB notifications and queues
 * them for the targets; runs the agent that serves the tables from {@link ClusterService#snapshot()}. A refused
 * configuration is logged naming file and key, told to the last good targets as basketConfigRejected, and changes
 * nothing.
 */
@Component(configurationPid = SnmpSettings.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = ClusterEventListener.class)
@Designate(ocd = SnmpConfig.class)
public class SnmpNorthbound implements ClusterEventListener {
    private static final Logger LOG = LoggerFactory.getLogger(SnmpNorthbound.class);

    @Reference
    private ClusterService cluster;

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private EventTranslator translator;
    private volatile NotificationQueue queue;
    private SnmpSettings settings;
    private NotificationSender sender;
    private BasketAgent agent;

    public SnmpNorthbound() {
    }

    SnmpNorthbound(ClusterService cluster) {
        this.cluster = cluster;
    }

    @Activate
    synchronized void activate(Map<String, Object> properties) {
        translator = new EventTranslator(this::resourcesOn);
        modified(properties);
    }

    /** Applies new settings; refused ones leave everything as it was. */
    @Modified
    synchronized void modified(Map<String, Object> properties) {
        String source = SnmpSettings.source(properties);
        SnmpSettings next;
        try {
            next = SnmpSettings.from(properties);
        } catch (ConfigException e) {
            String problem = e.describe(source);
            LOG.error("SNMP: configuration refused, {}: {}", settings == null ? "nothing runs until it is fixed"
                    : "the last good one stays in force", problem);
            tellRejected(problem, e.key());
            return;
        }
        try {
            NotificationSender nextSender = new NotificationSender(next, sent, dropped);
            if (queue == null || settings.queueCapacity() != next.queueCapacity()) {
                NotificationQueue previous = queue;
                queue = new NotificationQueue(next.queueCapacity(), dropped, nextSender::send);
                if (previous != null) {
                    previous.close();
                }
            } else {
                queue.sendTo(nextSender::send);
            }
            if (sender != null) {
                sender.close();
            }
            sender = nextSender;
        } catch (IOException e) {
            LOG.error("SNMP: cannot open the notification session, {}: {}", settings == null ? "no notifications"
                    : "keeping the last good one", e.toString());
            return;
        }
        if (settings == null || !next.agent().equals(settings.agent())) {
            restartAgent(next);
        }
        settings = next;
        LOG.info("SNMP: notifications from engine {} to {}; agent {}", NotificationSender.hex(next.engineId()),
                next.targets().isEmpty() ? "no target" : next.targets(), agent == null ? "not running"
                        : "on " + agent.address().getHostAddress() + ":" + agent.port() + " (v2c "
                        + (next.agent().orElseThrow().community().isEmpty() ? "off" : "on") + ", v3 users "
                        + next.agent().orElseThrow().users() + ")");
    }

    /** Stops the running agent and starts the new one; if that cannot listen, the previous one again. */
    private void restartAgent(SnmpSettings next) {
        SnmpSettings previous = settings;
        stopAgent();
        if (next.agent().isEmpty()) {
            return;
        }
        try {
            agent = startAgent(next.agent().get(), next.stateDirectory());
        } catch (IOException | RuntimeException e) {
            LOG.error("SNMP: the agent cannot listen on {}:{}: {}", next.agent().get().address().getHostAddress(),
                    next.agent().get().port(), e.toString());
            Optional.ofNullable(previous).flatMap(SnmpSettings::agent).ifPresent(p -> {
                try {
                    agent = startAgent(p, previous.stateDirectory());
                    LOG.info("SNMP: the agent listens on {}:{} again", p.address().getHostAddress(), agent.port());
                } catch (IOException | RuntimeException again) {
                    LOG.error("SNMP: the agent cannot listen again: {}", again.toString());
                }
            });
        }
    }

    private BasketAgent startAgent(AgentSettings agentSettings, Path directory) throws IOException {
        Files.createDirectories(directory);
        BasketAgent started = new BasketAgent(agentSettings, new ClusterTables(cluster::snapshot, sent::get, dropped::get),
                directory.resolve("agent-engine-boots").toFile());
        started.start();
        return started;
    }

    private void stopAgent() {
        if (agent != null) {
            agent.stop();
            agent = null;
        }
    }

    @Deactivate
    synchronized void deactivate() {
        stopAgent();
        if (queue != null) {
            queue.close();
        }
        if (sender != null) {
            sender.close();
        }
        LOG.info("SNMP: stopped");
    }

    /** On the manager's event thread: translates and queues, never waits. */
    @Override
    public void event(ClusterEvent event) {
        NotificationQueue current = queue;
        EventTranslator translating = translator;
        if (current != null && translating != null) {
            translating.translate(event).ifPresent(current::offer);
        }
    }

    /** Our own file refused: told to the last good targets as an event of our own (sequence 0), besides the log. */
    private void tellRejected(String problem, String key) {
        NotificationQueue current = queue;
        if (current != null) {
            ClusterEvent event = new ClusterEvent(0, Instant.now(), ClusterEvent.Severity.ERROR,
                    EventKind.CONFIG_REJECTED, "", "", "", Optional.empty(), "configuration rejected: " + problem);
            current.offer(new Notice(BasketMib.Notification.CONFIG_REJECTED, event));
        }
    }

    private Collection<String> resourcesOn(String host) {
        return cluster.snapshot().state().resources().values().stream().filter(r -> r.activeOn().contains(host))
                .map(ResourceStatus::name).toList();
    }

    /** The port the agent listens on, or -1 (for tests). */
    synchronized int agentPort() {
        return agent == null ? -1 : agent.port();
    }

    long sent() {
        return sent.get();
    }

    long dropped() {
        return dropped.get();
    }

    List<SnmpSettings.Target> targets() {
        return settings == null ? List.of() : settings.targets();
    }
}

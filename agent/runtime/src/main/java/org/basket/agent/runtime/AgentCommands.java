package org.basket.agent.runtime;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.basket.api.monitor.ServiceDefinition;
import org.basket.api.monitor.ServiceHealth;
import org.basket.api.monitor.ServiceMonitor;
import org.basket.channel.agent.CommandHandler;
import org.basket.channel.protocol.Command;
import org.basket.channel.protocol.CommandResult;
import org.basket.channel.protocol.CommandVerb;
import org.basket.channel.protocol.MalformedFrameException;
import org.basket.channel.protocol.MonitorResult;
import org.basket.channel.protocol.ServiceDefinitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manager's commands. {@code update-definitions}: decoded, saved, applied, new and changed services
 * checked once, then acknowledged (ok even if some were rejected: the detail names them). {@code start},
 * {@code stop}, {@code restart}: the monitor's operation, then checks until the expected health or the
 * timeout; ok only if reached. {@code check-now}: one check, ok with its health. The agent never starts
 * or restarts anything on its own.
 */
final class AgentCommands implements CommandHandler {
    private static final Logger LOG = LoggerFactory.getLogger(AgentCommands.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final ServiceWatcher watcher;
    private final DefinitionStore store;
    private final Duration timeout;

    AgentCommands(ServiceWatcher watcher, DefinitionStore store, Duration timeout) {
        this.watcher = watcher;
        this.store = store;
        this.timeout = timeout;
    }

    @Override
    public CommandResult handle(Command command) throws InterruptedException {
        if (command.verb() == CommandVerb.UPDATE_DEFINITIONS) {
            return updateDefinitions(command.payload());
        }
        Optional<WatchedService> found = watcher.find(command.service());
        if (found.isEmpty()) {
            return CommandResult.failed("no service '" + command.service() + "' in this agent's definitions");
        }
        WatchedService service = found.get();
        return switch (command.verb()) {
            case CHECK_NOW -> checkNow(service);
            case START -> control(service, "start", monitor -> monitor.start(service.definition), true);
            case STOP -> control(service, "stop", monitor -> monitor.stop(service.definition), false);
            case RESTART -> control(service, "restart", monitor -> monitor.restart(service.definition), true);
            case UPDATE_DEFINITIONS -> throw new IllegalStateException("handled above");
        };
    }

    private CommandResult updateDefinitions(String payload) {
        List<ServiceDefinition> definitions;
        try {
            definitions = ServiceDefinitions.decode(payload);
        } catch (MalformedFrameException e) {
            LOG.error("Malformed service definitions from the manager, the last good ones stay: {}", e.getMessage());
            return CommandResult.failed("malformed service definitions, the last good ones stay: " + e.getMessage());
        }
        try {
            store.save(definitions);
        } catch (IOException e) {
            LOG.error("Cannot save the service definitions to {}: {}", store.file(), e.toString());
            return CommandResult.failed("cannot save the service definitions to " + store.file() + ": " + e
                    + "; the last good ones stay");
        }
        List<WatchedService> fresh = watcher.replace(definitions);
        List<String> late = watcher.checkFirst(fresh, timeout);
        String rejected = fresh.stream().map(service -> service.problem).filter(problem -> problem != null)
                .collect(Collectors.joining("; "));
        String names = definitions.stream().map(ServiceDefinition::name).collect(Collectors.joining(", "));
        String detail = definitions.size() + " service definitions (" + names + "), " + fresh.size() + " new or changed"
                + (rejected.isEmpty() ? "" : "; not checked: " + rejected)
                + (late.isEmpty() ? "" : "; first check still running: " + String.join(", ", late));
        LOG.info("Service definitions applied: {}", detail);
        return CommandResult.done(detail);
    }

    private CommandResult checkNow(WatchedService service) {
        MonitorResult result = watcher.checkOnce(service);
        return CommandResult.done(result.health() + ": " + result.detail());
    }

    private CommandResult control(WatchedService service, String operation, Operation action, boolean toRun)
            throws InterruptedException {
        ServiceMonitor monitor = service.monitor;
        if (monitor == null) {
            return CommandResult.failed(operation + " of " + service.name() + " impossible: " + service.problem);
        }
        LOG.info("The manager asks to {} service {}", operation, service.name());
        String failure = null;
        try {
            action.run(monitor);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            failure = operation + " of service '" + service.name() + "' failed: " + e.getMessage();
            LOG.error("{}", failure);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        MonitorResult seen = watcher.checkOnce(service);
        while (failure == null && !reached(seen.health(), toRun) && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis());
            seen = watcher.checkOnce(service);
        }
        String now = "now " + seen.health() + ": " + seen.detail();
        if (failure != null) {
            return CommandResult.failed(failure + "; " + now);
        }
        if (!reached(seen.health(), toRun)) {
            return CommandResult.failed(operation + " of service '" + service.name() + "' did not reach "
                    + (toRun ? "OK" : "NOT_RUNNING") + " within " + timeout.toMillis() + " ms; " + now);
        }
        return CommandResult.done(now);
    }

    private static boolean reached(ServiceHealth health, boolean toRun) {
        return toRun ? health == ServiceHealth.OK || health == ServiceHealth.WARNING : health == ServiceHealth.NOT_RUNNING;
    }

    @FunctionalInterface
    private interface Operation {
        void run(ServiceMonitor monitor) throws Exception;
    }
}

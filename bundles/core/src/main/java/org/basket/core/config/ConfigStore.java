package org.basket.core.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.basket.api.config.ConfigException;
import org.basket.api.cluster.ConfigProblem;
import org.basket.api.driver.DriverConfig;
import org.basket.api.model.ClusterConfig;
import org.basket.api.model.Constraint;
import org.basket.api.model.Host;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceKind;
import org.basket.api.monitor.ServiceDefinition;
import org.basket.scheduler.ConfigValidator;

/**
 * Every configuration file Basket was given, with the last good version of each. A file that does
 * not parse, or that refers to what is not configured, is rejected with a {@link ConfigProblem} and
 * its last good version stays in force; nothing else is disturbed.
 */
public final class ConfigStore {

    /**
     * The configuration in force and what was rejected.
     *
     * @param services the checks of the guest services, by service
     */
    public record Result(ClusterConfig config, Map<String, DriverConfig> drivers, Map<String, FenceDefinition> fences,
                         Map<String, ServiceDefinition> services, List<ConfigProblem> problems) {
    }

    static final class Slot {
        Definition latest;
        Definition lastGood;
        ConfigProblem parseProblem;
        /** When {@code latest} arrived, in the order of arrivals. */
        long arrived;

        /** Whether the latest version is not the one in force: a new or changed file. */
        boolean isNew() {
            return latest != lastGood;
        }
    }

    /** By arrival: of two files defining one name, the earlier keeps it. */
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private final ConfigValidator validator = new ConfigValidator();
    private long arrivals;
    /** The last result while no file changed: the same configuration object lets the scheduler reuse its index. */
    private Result built;

    /**
     * Takes a new or changed file.
     *
     * @return the problem if it was rejected
     */
    public synchronized Optional<ConfigProblem> update(String factoryPid, String pid, Map<String, ?> raw) {
        built = null;
        Slot slot = slots.computeIfAbsent(pid, k -> new Slot());
        try {
            slot.latest = DefinitionReader.read(factoryPid, pid, raw);
            slot.arrived = ++arrivals;
            slot.parseProblem = null;
            return Optional.empty();
        } catch (ConfigException e) {
            slot.parseProblem = new ConfigProblem(DefinitionReader.source(pid, raw), e.key(),
                    e.getMessage() + keptNote(slot));
            return Optional.of(slot.parseProblem);
        }
    }

    /**
     * Refuses what a file now holds without reading it (unreadable, too large, ambiguous); its last good
     * version stays in force.
     *
     * @return whether this is news
     */
    public synchronized boolean refuse(String pid, String source, String key, String reason) {
        Slot slot = slots.computeIfAbsent(pid, k -> new Slot());
        ConfigProblem problem = new ConfigProblem(source, key, reason + keptNote(slot));
        if (problem.equals(slot.parseProblem)) {
            return false;
        }
        built = null;
        slot.parseProblem = problem;
        return true;
    }

    /** Forgets a refusal that named no file's definition (the folder itself); whether there was one. */
    public synchronized boolean clearRefusal(String pid) {
        Slot slot = slots.get(pid);
        if (slot == null || slot.latest != null) {
            return false;
        }
        built = null;
        slots.remove(pid);
        return true;
    }

    public synchronized void delete(String pid) {
        built = null;
        slots.remove(pid);
    }

    /** Resolves references between files and returns the configuration in force. */
    public synchronized Result build() {
        if (built == null) {
            built = resolve();
        }
        return built;
    }

    private Result resolve() {
        List<ConfigProblem> problems = new ArrayList<>();
        slots.values().stream().filter(s -> s.parseProblem != null).forEach(s -> problems.add(s.parseProblem));

        Map<String, DriverConfig> drivers = new TreeMap<>();
        Map<String, Definition> owners = new HashMap<>();
        for (Slot slot : slots.values()) {
            accept(slot, DriverConfig.class, problems, d -> unique("driver", d, owners, "driver:"),
                    d -> drivers.put(d.name(), (DriverConfig) d.value()));
        }
        Map<String, Host> hosts = new TreeMap<>();
        for (Slot slot : slots.values()) {
            accept(slot, Host.class, problems, d -> {
                String driver = ((Host) d.value()).driver();
                if (!drivers.containsKey(driver)) {
                    return new ConfigProblem(d.source(), "driver", "names driver '" + driver
                            + "', which is not configured (an org.basket.driver-" + driver + ".cfg)");
                }
                return unique("host", d, owners, "host:");
            }, d -> hosts.put(d.name(), (Host) d.value()));
        }
        Map<String, Resource> resources = new TreeMap<>();
        Map<String, ServiceDefinition> services = new TreeMap<>();
        Map<String, Slot> resourceSlots = new HashMap<>();
        Map<String, DriverAffinity> affinities = new TreeMap<>();
        for (Slot slot : slots.values()) {
            accept(slot, Resource.class, problems, d -> {
                if (d.detail() instanceof DriverAffinity affinity && !drivers.containsKey(affinity.driver())) {
                    return new ConfigProblem(d.source(), "driver", "names driver '" + affinity.driver()
                            + "', which is not configured (an org.basket.driver-" + affinity.driver() + ".cfg)");
                }
                return unique("resource", d, owners, "resource:");
            }, d -> {
                resources.put(d.name(), (Resource) d.value());
                resourceSlots.put(d.name(), slot);
                if (d.detail() instanceof ServiceDefinition service) {
                    services.put(d.name(), service);
                }
                if (d.detail() instanceof DriverAffinity affinity) {
                    affinities.put(d.name(), affinity);
                }
            });
        }
        rejectMisplacedServices(resources, services, resourceSlots, problems);
        Map<String, Slot> constraintSlots = new LinkedHashMap<>();
        Map<String, Definition> constraints = new TreeMap<>();
        for (Slot slot : slots.values()) {
            accept(slot, Constraint.class, problems, d -> unique("constraint", d, owners, "constraint:"), d -> {
                constraints.put(d.name(), d);
                constraintSlots.put(d.name(), slot);
            });
        }
        new ConstraintResolution(validator, hosts, resources, resourceSlots, constraints, constraintSlots, problems)
                .run();
        Map<String, FenceDefinition> fences = new TreeMap<>();
        for (Slot slot : slots.values()) {
            accept(slot, FenceDefinition.class, problems, d -> {
                String host = ((FenceDefinition) d.value()).host();
                if (!hosts.containsKey(host)) {
                    return new ConfigProblem(d.source(), "host", "names host '" + host + "', which is not configured");
                }
                return unique("fence device", d, owners, "fence:");
            }, d -> fences.put(d.name(), (FenceDefinition) d.value()));
        }

        List<Constraint> inForce = new ArrayList<>(constraints.values().stream().map(d -> (Constraint) d.value()).toList());
        affinities.forEach((resource, affinity) -> {
            if (resources.containsKey(resource)) {
                inForce.add(affinity.rule(resource));
            }
        });
        ClusterConfig config = ClusterConfig.of(hosts.values(), resources.values(), inForce);
        for (Slot slot : slots.values()) {
            if (slot.latest != null && isInForce(slot.latest, config, drivers, fences)
                    && detailInForce(slot.latest, services, affinities)) {
                slot.lastGood = slot.latest;
            }
        }
        return new Result(config, drivers, fences, services, problems);
    }

    /**
     * A guest service must name a configured VM as its container (not itself, not another service): one
     * that does not is rejected, and its last good version stays if that one names a VM.
     */
    private static void rejectMisplacedServices(Map<String, Resource> resources, Map<String, ServiceDefinition> services,
                                                Map<String, Slot> slots, List<ConfigProblem> problems) {
        for (Resource service : List.copyOf(resources.values())) {
            String wrong = containerProblem(service, resources);
            if (wrong == null) {
                continue;
            }
            Slot slot = slots.get(service.name());
            Definition rejected = slot.latest.value() == service ? slot.latest : slot.lastGood;
            resources.remove(service.name());
            services.remove(service.name());
            Definition lastGood = slot.lastGood;
            boolean fallBack = lastGood != null && lastGood != rejected && lastGood.value() instanceof Resource r
                    && containerProblem(r, resources) == null;
            problems.add(new ConfigProblem(rejected.source(), "container", wrong
                    + (fallBack ? " (the previous definition stays in force)" : "")));
            if (fallBack) {
                resources.put(service.name(), (Resource) lastGood.value());
                if (lastGood.detail() instanceof ServiceDefinition definition) {
                    services.put(service.name(), definition);
                }
            }
        }
    }

    private static String containerProblem(Resource service, Map<String, Resource> resources) {
        if (!service.hasContainer()) {
            return null;
        }
        String vm = service.container();
        Resource container = resources.get(vm);
        if (vm.equals(service.name())) {
            return "names the service itself; a guest service runs in a VM";
        }
        if (container == null) {
            return "names '" + vm + "', which is not a configured VM";
        }
        return container.kind() == ResourceKind.VIRTUAL_MACHINE ? null
                : "names '" + vm + "', which is a guest service, not a VM";
    }

    private interface Check {
        ConfigProblem problem(Definition definition);
    }

    private interface Sink {
        void take(Definition definition);
    }

    private static void accept(Slot slot, Class<?> type, List<ConfigProblem> problems, Check check, Sink sink) {
        if (slot.latest == null || !type.isInstance(slot.latest.value())) {
            return;
        }
        ConfigProblem problem = check.problem(slot.latest);
        if (problem == null) {
            sink.take(slot.latest);
            return;
        }
        boolean fallBack = slot.lastGood != null && slot.lastGood != slot.latest
                && type.isInstance(slot.lastGood.value()) && check.problem(slot.lastGood) == null;
        problems.add(new ConfigProblem(problem.source(), problem.key(), problem.reason()
                + (fallBack ? " (the previous definition stays in force)" : "")));
        if (fallBack) {
            sink.take(slot.lastGood);
        }
    }

    private static ConfigProblem unique(String kind, Definition definition, Map<String, Definition> owners,
                                        String namespace) {
        Definition owner = owners.putIfAbsent(namespace + definition.name(), definition);
        if (owner == null || owner.pid().equals(definition.pid())) {
            return null;
        }
        return new ConfigProblem(definition.source(), "name", kind + " '" + definition.name()
                + "' is already defined in " + owner.source());
    }

    private static boolean isInForce(Definition definition, ClusterConfig config, Map<String, DriverConfig> drivers,
                                     Map<String, FenceDefinition> fences) {
        Object value = definition.value();
        if (value instanceof Host) {
            return value.equals(config.hosts().get(definition.name()));
        }
        if (value instanceof Resource) {
            return value.equals(config.resources().get(definition.name()));
        }
        if (value instanceof DriverConfig) {
            return value.equals(drivers.get(definition.name()));
        }
        if (value instanceof FenceDefinition) {
            return value.equals(fences.get(definition.name()));
        }
        return config.constraints().contains(value);
    }

    /** A resource's definition is in force with what the model does not carry: its check, its driver. */
    private static boolean detailInForce(Definition definition, Map<String, ServiceDefinition> services,
                                         Map<String, DriverAffinity> affinities) {
        if (!(definition.value() instanceof Resource)) {
            return true;
        }
        Object accepted = definition.detail() instanceof ServiceDefinition ? services.get(definition.name())
                : affinities.get(definition.name());
        return java.util.Objects.equals(definition.detail(), accepted);
    }

    private static String keptNote(Slot slot) {
        return slot.lastGood != null ? " (the previous definition stays in force)" : "";
    }
}

package org.basket.core.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.basket.api.config.ConfigException;
import org.basket.api.config.KeyProblems;
import org.basket.api.config.StrictConfig;
import org.basket.api.driver.DriverConfig;
import org.basket.api.model.Capacity;
import org.basket.api.model.Constraint;
import org.basket.api.model.Host;
import org.basket.api.model.Operations;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceKind;
import org.basket.api.model.Score;
import org.basket.api.monitor.ServiceDefinition;

/** Turns the raw properties of one configuration file into a model value, or says which key is wrong. */
final class DefinitionReader {
    /** Long enough for any host or VM name, short enough for every hypervisor and display. */
    static final int MAX_NAME_LENGTH = 64;

    private DefinitionReader() {
    }

    static String source(String pid, Map<String, ?> raw) {
        return StrictConfig.source(pid, raw);
    }

    static Definition read(String factoryPid, String pid, Map<String, ?> raw) throws ConfigException {
        String source = source(pid, raw);
        switch (factoryPid) {
            case ConfigPids.HOST: {
                HostConfig c = StrictConfig.read(HostConfig.class, raw);
                KeyProblems problems = new KeyProblems();
                String name = checked(problems, () -> name(c.name(), factoryPid, source));
                String driver = checked(problems, () -> required("driver", c.driver()));
                Map<String, String> attributes = checked(problems, () -> attributes(c.attributes()));
                problems.throwIfAny();
                if (attributes.containsKey(DriverAffinity.HOST_ATTRIBUTE)) {
                    throw new ConfigException("attributes", "'" + DriverAffinity.HOST_ATTRIBUTE + "' is the host's driver"
                            + " endpoint, set by the key driver");
                }
                attributes.put(DriverAffinity.HOST_ATTRIBUTE, driver);
                return new Definition(pid, source, name, new Host(name, driver, c.address(), attributes));
            }
            case ConfigPids.RESOURCE: {
                Map<String, String> parameters = serviceParameters(raw);
                Map<String, Object> rest = new TreeMap<>(raw);
                rest.keySet().removeIf(key -> key.startsWith(PARAMETER_PREFIX));
                ResourceConfig c = StrictConfig.read(ResourceConfig.class, rest);
                String name = name(c.name(), factoryPid, source);
                Resource resource = resource(name, c, parameters);
                return new Definition(pid, source, name, resource, resource.kind() == ResourceKind.GUEST_SERVICE
                        ? new ServiceDefinition(name, c.check().trim(), parameters, checkInterval(resource))
                        : c.driver().isBlank() ? null : new DriverAffinity(c.driver().trim()));
            }
            case ConfigPids.CONSTRAINT: {
                ConstraintConfig c = StrictConfig.read(ConstraintConfig.class, raw);
                String name = name(c.name(), factoryPid, source);
                return new Definition(pid, source, name, constraint(name, c, raw.keySet()));
            }
            case ConfigPids.DRIVER: {
                DriverEndpointConfig c = StrictConfig.read(DriverEndpointConfig.class, raw, true);
                String name = name(c.name(), factoryPid, source);
                return new Definition(pid, source, name, new DriverConfig(name, required("type", c.type()),
                        extraKeys(DriverEndpointConfig.class, raw)));
            }
            case ConfigPids.FENCE: {
                FenceConfig c = StrictConfig.read(FenceConfig.class, raw, true);
                KeyProblems problems = new KeyProblems();
                String name = checked(problems, () -> name(c.name(), factoryPid, source));
                String host = checked(problems, () -> required("host", c.host()));
                if (c.level() < 1) {
                    problems.add("level", "must be at least 1: " + c.level());
                }
                if (!c.agent().matches("fence_[a-z0-9_]+")) {
                    problems.add("agent", "'" + c.agent() + "' is not a fence agent name (fence_...)");
                }
                problems.throwIfAny();
                return new Definition(pid, source, name, new FenceDefinition(name, source, host,
                        c.level(), c.agent(), extraKeys(FenceConfig.class, raw), Duration.ofMillis(c.timeout_ms())));
            }
            default:
                throw new IllegalArgumentException("not a Basket factory PID: " + factoryPid);
        }
    }

    private interface Check<T> {
        T run() throws ConfigException;
    }

    /** The check's value, or null with its problem added, so that the other keys are checked too. */
    private static <T> T checked(KeyProblems problems, Check<T> check) {
        try {
            return check.run();
        } catch (ConfigException e) {
            problems.add(e);
            return null;
        }
    }

    /** The keys a type does not define, for the driver or agent to check. */
    private static Map<String, String> extraKeys(Class<?> type, Map<String, ?> raw) {
        Map<String, String> extra = new TreeMap<>();
        raw.forEach((key, value) -> {
            if (!StrictConfig.keys(type).contains(key) && !StrictConfig.isFrameworkKey(key)) {
                extra.put(key, String.valueOf(value));
            }
        });
        return extra;
    }

    private static String name(String configured, String factoryPid, String source) throws ConfigException {
        String name = configured;
        String prefix = factoryPid + "-";
        if (name.isEmpty() && source.startsWith(prefix) && source.endsWith(".cfg")) {
            name = source.substring(prefix.length(), source.length() - ".cfg".length());
        }
        if (name.isEmpty()) {
            throw new ConfigException("name", "missing: set 'name' or name the file " + prefix + "<name>.cfg");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new ConfigException("name", "has " + name.length() + " characters; a name may have at most "
                    + MAX_NAME_LENGTH);
        }
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new ConfigException("name", "'" + name + "' is not a valid name (letters, digits, '.', '_', '-')");
        }
        return name;
    }

    private static String required(String key, String value) throws ConfigException {
        if (value.isBlank()) {
            throw new ConfigException(key, "must not be empty");
        }
        return value.trim();
    }

    private static Map<String, String> attributes(String[] pairs) throws ConfigException {
        Map<String, String> attributes = new LinkedHashMap<>();
        List<String> bad = new ArrayList<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                bad.add("'" + pair + "'");
            } else {
                attributes.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        if (!bad.isEmpty()) {
            throw new ConfigException("attributes", String.join(", ", bad) + (bad.size() == 1 ? " is" : " are")
                    + " not key=value");
        }
        return attributes;
    }

    private static final String PARAMETER_PREFIX = "param.";

    private static Map<String, String> serviceParameters(Map<String, ?> raw) {
        Map<String, String> parameters = new TreeMap<>();
        raw.forEach((key, value) -> {
            if (key.startsWith(PARAMETER_PREFIX)) {
                parameters.put(key.substring(PARAMETER_PREFIX.length()), String.valueOf(value));
            }
        });
        return parameters;
    }

    private static Resource resource(String name, ResourceConfig c, Map<String, String> parameters)
            throws ConfigException {
        String kind = c.kind().trim().toLowerCase(Locale.ROOT);
        if (kind.equals("guest-service")) {
            return guestService(name, c);
        }
        if (kind.equals("host-service")) {
            throw new ConfigException("kind", "'host-service' is not supported yet (vm, guest-service)");
        }
        if (!kind.equals("vm")) {
            throw new ConfigException("kind", "unknown kind '" + c.kind() + "' (vm, guest-service)");
        }
        if (!c.driver().isBlank() && !c.driver().trim().matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new ConfigException("driver", "'" + c.driver() + "' is not a driver endpoint name");
        }
        for (String key : List.of("container", "check")) {
            if (!(key.equals("container") ? c.container() : c.check()).isBlank()) {
                throw new ConfigException(key, "only a guest service has a " + key);
            }
        }
        if (!parameters.isEmpty()) {
            throw new ConfigException(PARAMETER_PREFIX + parameters.keySet().iterator().next(),
                    "only a guest service has check parameters (param.*)");
        }
        if (c.cpus() < 0) {
            throw new ConfigException("cpus", "must not be negative: " + c.cpus());
        }
        if (c.memory_mb() < 0) {
            throw new ConfigException("memory.mb", "must not be negative: " + c.memory_mb());
        }
        if (c.migration_threshold() < 1) {
            throw new ConfigException("migration.threshold", "must be at least 1: " + c.migration_threshold());
        }
        if (c.failure_timeout_ms() < 0) {
            throw new ConfigException("failure.timeout.ms", "must not be negative: " + c.failure_timeout_ms()
                    + " (0: failures are never forgotten)");
        }
        if (c.rank() < 0) {
            throw new ConfigException("rank", "must not be negative: " + c.rank());
        }
        if (c.stickiness() < Resource.MANAGER_STICKINESS || c.stickiness() > Score.INFINITY) {
            throw new ConfigException("stickiness", "must be 0 to " + Score.INFINITY + " (-1: the manager's"
                    + " resource.stickiness): " + c.stickiness());
        }
        return new Resource(name, ResourceKind.VIRTUAL_MACHINE, c.domain(), new Capacity(c.cpus(), c.memory_mb()),
                c.migratable(), c.priority(), c.enabled(), "", c.migration_threshold(),
                Duration.ofMillis(c.failure_timeout_ms()), operations(c), c.rank(), c.stickiness());
    }

    /** A guest service's monitor interval is how often its agent checks it. */
    private static Duration checkInterval(Resource service) {
        Duration interval = service.operations().monitorInterval();
        return interval.isZero() ? ServiceDefinition.DEFAULT_INTERVAL : interval;
    }

    private static Resource guestService(String name, ResourceConfig c) throws ConfigException {
        if (!c.driver().isBlank()) {
            throw new ConfigException("driver", "a guest service runs where its VM runs: set the VM's driver");
        }
        if (c.rank() != 0 || c.stickiness() != Resource.MANAGER_STICKINESS) {
            throw new ConfigException(c.rank() != 0 ? "rank" : "stickiness", "a guest service runs where its VM runs:"
                    + " set the VM's");
        }
        if (c.container().isBlank()) {
            throw new ConfigException("container", "a guest service needs the VM it runs in");
        }
        if (c.check().isBlank()) {
            throw new ConfigException("check", "a guest service needs the monitor type that watches it "
                    + "(systemd, process, tcp, http, nagios, ocf)");
        }
        if (c.migration_threshold() < 1) {
            throw new ConfigException("migration.threshold", "must be at least 1: " + c.migration_threshold());
        }
        return new Resource(name, ResourceKind.GUEST_SERVICE, name, Capacity.NONE, false, c.priority(), c.enabled(),
                c.container().trim(), c.migration_threshold(), Duration.ofMillis(c.failure_timeout_ms()),
                operations(c));
    }

    private static Operations operations(ResourceConfig c) throws ConfigException {
        return new Operations(notNegative("start.timeout.ms", c.start_timeout_ms()),
                notNegative("stop.timeout.ms", c.stop_timeout_ms()),
                notNegative("migrate.timeout.ms", c.migrate_timeout_ms()),
                notNegative("monitor.interval.ms", c.monitor_interval_ms()),
                notNegative("monitor.timeout.ms", c.monitor_timeout_ms()));
    }

    private static Duration notNegative(String key, long millis) throws ConfigException {
        if (millis < 0) {
            throw new ConfigException(key, "must not be negative: " + millis + " (0: the default)");
        }
        return Duration.ofMillis(millis);
    }

    private static Constraint constraint(String name, ConstraintConfig c, Set<String> present) throws ConfigException {
        String type = c.type().trim().toLowerCase(Locale.ROOT);
        switch (type) {
            case "location":
                onlyKeys(type, present, "resource", "host", "score");
                return new Constraint.Location(name, required("resource", c.resource()), required("host", c.host()),
                        score(c.score()));
            case "location-rule":
                onlyKeys(type, present, "resource", "attribute", "operation", "value", "score");
                return locationRule(name, c, present);
            case "colocation-set":
                onlyKeys(type, present, "resources", "score");
                if (c.resources().length == 0) {
                    throw new ConfigException("resources", "missing: the resources of the set, comma-separated");
                }
                return new Constraint.ColocationSet(name, List.of(c.resources()), score(c.score()));
            case "colocation":
                onlyKeys(type, present, "resource", "with", "score");
                return new Constraint.Colocation(name, required("resource", c.resource()), required("with", c.with$()),
                        score(c.score()));
            case "anti-affinity":
                onlyKeys(type, present, "resource", "with");
                return new Constraint.Colocation(name, required("resource", c.resource()), required("with", c.with$()),
                        Score.MINUS_INFINITY);
            case "order":
                onlyKeys(type, present, "first", "then", "mandatory");
                return new Constraint.Order(name, required("first", c.first()), required("then", c.then()),
                        c.mandatory());
            default:
                throw new ConfigException("type", "unknown constraint type '" + c.type()
                        + "' (location, location-rule, colocation, anti-affinity, colocation-set, order)");
        }
    }

    private static Constraint locationRule(String name, ConstraintConfig c, Set<String> present) throws ConfigException {
        Constraint.AttributeOperation operation;
        try {
            operation = Constraint.AttributeOperation.parse(required("operation", c.operation()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("operation", e.getMessage());
        }
        if (operation.takesValue() && c.value().isBlank()) {
            throw new ConfigException("value", "missing: '" + operation.word() + "' compares the attribute with a value");
        }
        if (!operation.takesValue() && present.contains("value")) {
            throw new ConfigException("value", "'" + operation.word() + "' takes no value");
        }
        return new Constraint.LocationRule(name, required("resource", c.resource()),
                required("attribute", c.attribute()), operation, c.value().trim(), score(c.score()));
    }

    private static int score(String text) throws ConfigException {
        if (text.isBlank()) {
            throw new ConfigException("score", "missing required key");
        }
        try {
            return Score.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("score", e.getMessage());
        }
    }

    /** Rejects keys of other constraint types, so that a misplaced key does not pass silently. */
    private static void onlyKeys(String type, Set<String> present, String... allowed) throws ConfigException {
        List<String> typeSpecific = List.of("resource", "host", "with", "score", "first", "then", "mandatory",
                "attribute", "operation", "value", "resources");
        for (String key : typeSpecific) {
            if (present.contains(key) && !List.of(allowed).contains(key)) {
                throw new ConfigException(key, "does not apply to a " + type + " constraint (it takes "
                        + String.join(", ", allowed) + ")");
            }
        }
    }
}

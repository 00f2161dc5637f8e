package org.basket.scheduler;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.basket.api.model.Capacity;
import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.basket.api.model.Constraint;
import org.basket.api.model.Host;
import org.basket.api.model.HostState;
import org.basket.api.model.HostStatus;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceKind;
import org.basket.api.model.ResourceStatus;
import org.basket.api.model.Score;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a scenario's {@code input.yaml} into a configuration and an observed state. The format, with
 * every key and its default:
 *
 * <pre>
 * description: what the case shows                 # required
 * stickiness: 100                                  # the scheduler's stickiness
 * placement-strategy: balanced                     # balanced | minimal | first-fit
 * migration-limit-host: 0                          # live migrations per host in one plan; 0: no limit
 * migration-limit-cluster: 0                       # live migrations in one plan; 0: no limit
 * now: 2026-01-01T12:00:00Z                        # the time of the plan; none: no fail count expires
 * hosts:
 *   node1:                                         # nothing given: every default
 *     state: online      # online | standby | maintenance | suspect | offline | unclean | unmanaged
 *     probed: true       # false: Basket does not know what runs on it
 *     driver: kvm
 *     capacity: 16 CPU / 64 GB
 *     attributes: {rack: r1}
 *     reason: ""         # why it is not online
 *     configured: true   # false: drivers report it, the configuration no longer names it
 *     reported: true     # false: configured, but no driver reports it
 * resources:
 *   vm1:
 *     kind: vm           # vm | guest-service | host-service; guest-service when a container is given
 *     domain: vm1
 *     demand: 2 CPU / 4 GB         # services: 0 CPU / 0 GB
 *     migratable: true             # services: false
 *     priority: 0
 *     enabled: true
 *     container: ""                # the VM a guest service runs in
 *     migration-threshold: 3
 *     failure-timeout: 10m         # s, m or h; failures on a host are forgotten this long after the last; 0: never
 *     rank: 0                      # among equal priority, the lower is placed first
 *     stickiness: 100              # its own; default: the scenario's
 * constraints:
 *   vm1-prefers-node2: {location: vm1, host: node2, score: 100}       # scores: integers, INFINITY, -INFINITY
 *   app1-apart-from-app2: {colocation: app1, with: app2, score: -INFINITY}
 *   db-before-web: {order: db, then: web, mandatory: true}
 *   vm1-not-in-paris: {location-rule: vm1, attribute: site, operation: eq, value: paris, score: -INFINITY}
 *                     # operations: eq, ne (with a value), exists, not-exists (without)
 *   replicas-apart: {colocation-set: [app1, app2, app3], score: -INFINITY}
 * observed:               # resources not listed are stopped; names not configured are allowed
 *   vm1: {active: node1}  # or a list of hosts
 *   vm2: {failed-on: node2, fail-counts: {node2: 1}, last-failure: {node2: 2026-01-01T11:00:00Z}}
 * </pre>
 *
 * Mistakes fail with the file, the key and the reason.
 */
final class ScenarioReader {
    static final Capacity HOST_CAPACITY = new Capacity(16, 64 * 1024);
    static final Capacity VM_DEMAND = new Capacity(2, 4 * 1024);

    private static final Pattern DURATION = Pattern.compile("\\s*(\\d+)\\s*(s|m|h)?\\s*");
    private static final Pattern CAPACITY = Pattern.compile(
            "\\s*(\\d+)\\s*CPUs?\\s*/\\s*(\\d+)\\s*(MB|GB)\\s*", Pattern.CASE_INSENSITIVE);

    /** A case's input. */
    record Scenario(String description, SchedulerOptions options, Instant now, ClusterConfig config,
                    ClusterState state) {
        int stickiness() {
            return options.stickiness();
        }
    }

    /** A mistake in an input file, naming the file and the key. */
    static final class InputException extends RuntimeException {
        InputException(String message) {
            super(message);
        }
    }

    private final String file;

    private ScenarioReader(String file) {
        this.file = file;
    }

    static Scenario read(Path input, String displayName) {
        ScenarioReader reader = new ScenarioReader(displayName);
        Object root;
        try (Reader in = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException e) {
            throw new InputException(displayName + ": cannot read: " + e.getMessage());
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark();
            throw new InputException(displayName + ": not valid YAML"
                    + (mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1))
                    + ": " + e.getProblem()
                    + (e.getProblem() != null && e.getProblem().contains("mapping values") ? " (quote a text with ': ')" : ""));
        } catch (YAMLException e) {
            throw new InputException(displayName + ": not valid YAML: " + e.getMessage());
        }
        return reader.scenario(root);
    }

    private Scenario scenario(Object root) {
        Map<String, Object> top = map(root, "", Set.of("description", "stickiness", "placement-strategy",
                "migration-limit-host", "migration-limit-cluster", "now", "hosts", "resources", "constraints",
                "observed"));
        String description = string(top.get("description"), "description", null);
        if (description.isBlank()) {
            throw error("description", "is required: say what the case shows");
        }
        int stickiness = integer(top.get("stickiness"), "stickiness", Scheduler.DEFAULT_STICKINESS);
        PlacementStrategy strategy;
        try {
            strategy = PlacementStrategy.parse(string(top.get("placement-strategy"), "placement-strategy", "balanced"));
        } catch (IllegalArgumentException e) {
            throw error("placement-strategy", e.getMessage());
        }
        int perHost = integer(top.get("migration-limit-host"), "migration-limit-host", SchedulerOptions.UNLIMITED);
        int inCluster = integer(top.get("migration-limit-cluster"), "migration-limit-cluster",
                SchedulerOptions.UNLIMITED);
        if (perHost < 0 || inCluster < 0) {
            throw error(perHost < 0 ? "migration-limit-host" : "migration-limit-cluster", "must not be negative");
        }
        Instant now = top.containsKey("now") ? instant(top.get("now"), "now") : null;

        List<Host> hosts = new ArrayList<>();
        List<HostStatus> hostStatuses = new ArrayList<>();
        Set<String> hostNames = new TreeSet<>();
        map(top.get("hosts"), "hosts", null).forEach((name, value) -> {
            String key = "hosts." + name;
            Map<String, Object> h = map(value, key, Set.of("state", "probed", "driver", "capacity", "attributes",
                    "reason", "configured", "reported"));
            hostNames.add(name);
            Map<String, String> attributes = new TreeMap<>();
            map(h.get("attributes"), key + ".attributes", null)
                    .forEach((k, v) -> attributes.put(k, string(v, key + ".attributes." + k, null)));
            if (bool(h.get("configured"), key + ".configured", true)) {
                hosts.add(new Host(name, string(h.get("driver"), key + ".driver", "kvm"), name, attributes));
            }
            if (bool(h.get("reported"), key + ".reported", true)) {
                hostStatuses.add(new HostStatus(name, hostState(h.get("state"), key + ".state"),
                        capacity(h.get("capacity"), key + ".capacity", HOST_CAPACITY),
                        string(h.get("reason"), key + ".reason", ""),
                        bool(h.get("probed"), key + ".probed", true)));
            }
        });
        if (hostNames.isEmpty()) {
            throw error("hosts", "is required: at least one host");
        }

        List<Resource> resources = new ArrayList<>();
        map(top.get("resources"), "resources", null).forEach((name, value) -> resources.add(resource(name, value)));

        List<Constraint> constraints = new ArrayList<>();
        map(top.get("constraints"), "constraints", null)
                .forEach((name, value) -> constraints.add(constraint(name, value)));

        List<ResourceStatus> statuses = new ArrayList<>();
        map(top.get("observed"), "observed", null)
                .forEach((name, value) -> statuses.add(status(name, value, hostNames)));

        return new Scenario(description.strip(), new SchedulerOptions(stickiness, strategy, perHost, inCluster), now,
                ClusterConfig.of(hosts, resources, constraints),
                ClusterState.of(hostStatuses, statuses));
    }

    private Resource resource(String name, Object value) {
        String key = "resources." + name;
        Map<String, Object> r = map(value, key, Set.of("kind", "domain", "demand", "migratable", "priority",
                "enabled", "container", "migration-threshold", "failure-timeout", "rank", "stickiness"));
        String container = string(r.get("container"), key + ".container", "");
        ResourceKind kind = kind(r.get("kind"), key + ".kind",
                container.isEmpty() ? ResourceKind.VIRTUAL_MACHINE : ResourceKind.GUEST_SERVICE);
        boolean vm = kind == ResourceKind.VIRTUAL_MACHINE;
        int threshold = integer(r.get("migration-threshold"), key + ".migration-threshold", 3);
        if (threshold < 1) {
            throw error(key + ".migration-threshold", "must be at least 1, not " + threshold);
        }
        return new Resource(name, kind, string(r.get("domain"), key + ".domain", name),
                capacity(r.get("demand"), key + ".demand", vm ? VM_DEMAND : Capacity.NONE),
                bool(r.get("migratable"), key + ".migratable", vm),
                integer(r.get("priority"), key + ".priority", 0),
                bool(r.get("enabled"), key + ".enabled", true),
                container, threshold, duration(r.get("failure-timeout"), key + ".failure-timeout"), null,
                integer(r.get("rank"), key + ".rank", 0),
                integer(r.get("stickiness"), key + ".stickiness", Resource.MANAGER_STICKINESS));
    }

    private Constraint constraint(String name, Object value) {
        String key = "constraints." + name;
        Map<String, Object> c = map(value, key, Set.of("location", "host", "colocation", "with", "order", "then",
                "mandatory", "score", "location-rule", "attribute", "operation", "value", "colocation-set"));
        Set<String> kindKeys = Set.of("location", "colocation", "order", "location-rule", "colocation-set");
        List<String> kinds = c.keySet().stream().filter(kindKeys::contains).toList();
        if (kinds.size() != 1) {
            throw error(key, "needs exactly one of location, location-rule, colocation, colocation-set, order; has "
                    + kinds);
        }
        String kindKey = kinds.get(0);
        Set<String> allowed = switch (kindKey) {
            case "location" -> Set.of("location", "host", "score");
            case "location-rule" -> Set.of("location-rule", "attribute", "operation", "value", "score");
            case "colocation" -> Set.of("colocation", "with", "score");
            case "colocation-set" -> Set.of("colocation-set", "score");
            default -> Set.of("order", "then", "mandatory");
        };
        for (String k : c.keySet()) {
            if (!allowed.contains(k)) {
                throw error(key + "." + k, "does not belong to a " + kindKey + " constraint (keys: "
                        + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
        if (kindKey.equals("colocation-set")) {
            return new Constraint.ColocationSet(name, names(c.get(kindKey), key + "." + kindKey),
                    score(c.get("score"), key + ".score"));
        }
        String subject = string(c.get(kindKey), key + "." + kindKey, null);
        return switch (kindKey) {
            case "location-rule" -> new Constraint.LocationRule(name, subject,
                    string(c.get("attribute"), key + ".attribute", null),
                    attributeOperation(c.get("operation"), key + ".operation"),
                    string(c.get("value"), key + ".value", ""), score(c.get("score"), key + ".score"));
            case "location" -> new Constraint.Location(name, subject, string(c.get("host"), key + ".host", null),
                    score(c.get("score"), key + ".score"));
            case "colocation" -> new Constraint.Colocation(name, subject, string(c.get("with"), key + ".with", null),
                    score(c.get("score"), key + ".score"));
            default -> new Constraint.Order(name, subject, string(c.get("then"), key + ".then", null),
                    bool(c.get("mandatory"), key + ".mandatory", true));
        };
    }

    private ResourceStatus status(String name, Object value, Set<String> hostNames) {
        String key = "observed." + name;
        Map<String, Object> s = map(value, key, Set.of("active", "failed-on", "fail-counts", "last-failure"));
        List<String> active = new ArrayList<>();
        Object a = s.get("active");
        if (a instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                active.add(host(list.get(i), key + ".active[" + i + "]", hostNames));
            }
        } else if (a != null) {
            active.add(host(a, key + ".active", hostNames));
        }
        String failedOn = s.containsKey("failed-on") ? host(s.get("failed-on"), key + ".failed-on", hostNames) : "";
        Map<String, Integer> failCounts = new TreeMap<>();
        map(s.get("fail-counts"), key + ".fail-counts", null).forEach((host, count) -> {
            String k = key + ".fail-counts." + host;
            host(host, k, hostNames);
            int n = integer(count, k, null);
            if (n < 0) {
                throw error(k, "must not be negative, not " + n);
            }
            failCounts.put(host, n);
        });
        Map<String, Instant> lastFailures = new TreeMap<>();
        map(s.get("last-failure"), key + ".last-failure", null).forEach((host, time) -> {
            String k = key + ".last-failure." + host;
            host(host, k, hostNames);
            lastFailures.put(host, instant(time, k));
        });
        return new ResourceStatus(name, active, failedOn, failCounts, false, lastFailures);
    }

    private List<String> names(Object value, String key) {
        if (!(value instanceof List<?> list)) {
            throw error(key, "expected a list of resources, found " + (value == null ? "nothing" : describe(value)));
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            names.add(string(list.get(i), key + "[" + i + "]", null));
        }
        return names;
    }

    private Constraint.AttributeOperation attributeOperation(Object value, String key) {
        try {
            return Constraint.AttributeOperation.parse(string(value, key, null));
        } catch (IllegalArgumentException e) {
            throw error(key, e.getMessage());
        }
    }

    /** A time: YAML's timestamp or an ISO-8601 text such as 2026-01-01T12:00:00Z. */
    private Instant instant(Object value, String key) {
        if (value instanceof Date date) {
            return date.toInstant();
        }
        String text = string(value, key, null);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw error(key, "'" + text + "' is not a time like 2026-01-01T12:00:00Z");
        }
    }

    /** A duration like {@code 90s}, {@code 10m}, {@code 2h}; a bare number is seconds; none: zero. */
    private Duration duration(Object value, String key) {
        if (value == null) {
            return Duration.ZERO;
        }
        String text = string(value, key, null);
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw error(key, "'" + text + "' is not a duration like 90s, 10m or 2h");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "h" -> Duration.ofHours(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    private String host(Object value, String key, Set<String> hostNames) {
        String name = string(value, key, null);
        if (!hostNames.contains(name)) {
            throw error(key, "host '" + name + "' is not listed under hosts");
        }
        return name;
    }

    private HostState hostState(Object value, String key) {
        String text = string(value, key, "online");
        try {
            return HostState.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw error(key, "'" + text + "' is not a host state (online, standby, maintenance, suspect, offline,"
                    + " unclean, unmanaged)");
        }
    }

    private ResourceKind kind(Object value, String key, ResourceKind fallback) {
        if (value == null) {
            return fallback;
        }
        String text = string(value, key, null);
        return switch (text) {
            case "vm" -> ResourceKind.VIRTUAL_MACHINE;
            case "guest-service" -> ResourceKind.GUEST_SERVICE;
            case "host-service" -> ResourceKind.HOST_SERVICE;
            default -> throw error(key, "'" + text + "' is not a resource kind (vm, guest-service, host-service)");
        };
    }

    private Capacity capacity(Object value, String key, Capacity fallback) {
        if (value == null) {
            return fallback;
        }
        String text = string(value, key, null);
        Matcher m = CAPACITY.matcher(text);
        if (!m.matches()) {
            throw error(key, "'" + text + "' is not a capacity like '2 CPU / 4 GB' or '2 CPU / 512 MB'");
        }
        long memory = Long.parseLong(m.group(2)) * (m.group(3).equalsIgnoreCase("GB") ? 1024 : 1);
        return new Capacity(Integer.parseInt(m.group(1)), memory);
    }

    private int score(Object value, String key) {
        if (value == null) {
            throw error(key, "is required: an integer, INFINITY or -INFINITY");
        }
        if (value instanceof Integer i) {
            return Score.clamp(i);
        }
        try {
            return Score.parse(string(value, key, null));
        } catch (IllegalArgumentException e) {
            throw error(key, e.getMessage());
        }
    }

    private Map<String, Object> map(Object value, String key, Set<String> allowed) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> raw)) {
            throw error(key, "expected a map of keys, found " + describe(value));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            String name = String.valueOf(k);
            if (allowed != null && !allowed.contains(name)) {
                throw error(key.isEmpty() ? name : key + "." + name, "unknown key (known: "
                        + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
            result.put(name, v);
        });
        return result;
    }

    private String string(Object value, String key, String fallback) {
        if (value == null) {
            if (fallback == null) {
                throw error(key, "is required");
            }
            return fallback;
        }
        if (value instanceof Map || value instanceof List) {
            throw error(key, "expected a word, found " + describe(value));
        }
        return String.valueOf(value);
    }

    private int integer(Object value, String key, Integer fallback) {
        if (value == null) {
            if (fallback == null) {
                throw error(key, "is required");
            }
            return fallback;
        }
        if (!(value instanceof Integer i)) {
            throw error(key, "expected an integer, found " + describe(value));
        }
        return i;
    }

    private boolean bool(Object value, String key, boolean fallback) {
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean b)) {
            throw error(key, "expected true or false, found " + describe(value));
        }
        return b;
    }

    private static String describe(Object value) {
        if (value instanceof Map) {
            return "a map";
        }
        if (value instanceof List) {
            return "a list";
        }
        return "'" + value + "'";
    }

    private InputException error(String key, String reason) {
        return new InputException(file + ": " + (key.isEmpty() ? "" : key + ": ") + reason);
    }
}

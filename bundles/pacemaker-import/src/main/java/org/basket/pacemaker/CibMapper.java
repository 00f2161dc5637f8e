package org.basket.pacemaker;

import static org.basket.pacemaker.Xml.attr;
import static org.basket.pacemaker.Xml.child;
import static org.basket.pacemaker.Xml.children;
import static org.basket.pacemaker.Xml.id;
import static org.basket.pacemaker.Xml.isTrue;
import static org.basket.pacemaker.Xml.nvpairs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.basket.api.model.Capacity;
import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.basket.api.model.Host;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceKind;
import org.basket.api.model.Score;
import org.w3c.dom.Element;

/** The configuration section: cluster options, nodes, resources and groups; constraints by {@link ConstraintMapper}. */
final class CibMapper {
    /** Basket's names (hosts, resources, constraints) as {@code etc/} file names take them. */
    static final String NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    static final String LIBVIRT_DRIVER = "libvirt";
    static final String SIM_DRIVER = "sim";

    private final Element cib;
    private final Element configuration;
    private final List<Unmapped> unmapped = new ArrayList<>();
    private final List<String> commands = new ArrayList<>();
    private final Map<String, Host> hosts = new TreeMap<>();
    private final Map<String, Capacity> capacities = new TreeMap<>();
    private final Map<String, String> nodeModes = new TreeMap<>();
    private final Map<String, Resource> resources = new TreeMap<>();
    private final Set<String> unmanaged = new java.util.TreeSet<>();
    /** Groups by id: their members in order. */
    private final Map<String, List<String>> groups = new LinkedHashMap<>();
    private final List<CibImport.FenceDevice> fenceDevices = new ArrayList<>();
    private final List<org.basket.api.model.Constraint> constraints = new ArrayList<>();
    private Map<String, String> options;
    private Map<String, String> defaults;
    private int stickiness;
    /** Primitives (fence devices too) seen so far, in the order of the CIB: the next one's rank. */
    private int primitives;
    /** The rank of each fence device: Pacemaker places them like resources, in the order of the CIB. */
    private final Map<String, Integer> fenceRanks = new TreeMap<>();
    private boolean virtualDomains;
    /** The first VirtualDomain's hypervisor URI, local to each node ({@code qemu:///system}). */
    private String hypervisor;
    private boolean utilization;
    /** Node attributes that are not valid Basket labels: a rule that tests one cannot be mapped. */
    private final Set<String> droppedAttributes = new java.util.TreeSet<>();

    CibMapper(Element cib) {
        this.cib = cib;
        this.configuration = child(cib, "configuration");
    }

    CibImport map() {
        options = nvpairs(child(configuration, "crm_config"), "cluster_property_set", unmapped);
        defaults = nvpairs(child(configuration, "rsc_defaults"), "meta_attributes", unmapped);
        stickiness = score(defaults.getOrDefault("resource-stickiness",
                options.getOrDefault("default-resource-stickiness", "0")));
        utilization = !options.getOrDefault("placement-strategy", "default").equals("default");
        clusterOptions();
        Element resourcesElement = child(configuration, "resources");
        for (Element e : children(resourcesElement)) {
            resourceElement(e, Map.of(), null);
        }
        nodes();
        for (Map.Entry<String, List<String>> group : groups.entrySet()) {
            constraints.addAll(ConstraintMapper.groupRules(group.getKey(), group.getValue(), resources));
        }
        Set<String> fenceIds = new java.util.TreeSet<>();
        fenceDevices.forEach(d -> fenceIds.add(d.id()));
        new ConstraintMapper(resources.keySet(), groups, hosts.keySet(), fenceIds, unmapped, constraints)
                .map(child(configuration, "constraints"));
        for (org.basket.api.model.Constraint c : constraints) {
            if (c instanceof org.basket.api.model.Constraint.LocationRule rule
                    && droppedAttributes.contains(rule.attribute())) {
                unmapped.add(new Unmapped("rsc_location", rule.name(), "tests node attribute " + rule.attribute()
                        + ", whose name or value is not a valid Basket label"));
            }
        }
        if (!isTrue(options.getOrDefault("symmetric-cluster", "true"))) {
            constraints.addAll(OptInCluster.exclusions(hosts.values(), resources.keySet(), constraints));
        }
        FenceTopology.apply(child(configuration, "fencing-topology"), fenceDevices, unmapped);
        boolean fencing = isTrue(options.getOrDefault("stonith-enabled", "true"));
        ClusterConfig config = ClusterConfig.of(hosts.values(), resources.values(), constraints);
        StatusMapper status = new StatusMapper(cib, config, capacities, nodeModes, unmanaged, fencing,
                isTrue(options.getOrDefault("startup-fencing", "true")),
                fenceDevices.stream().map(CibImport.FenceDevice::id).toList(), unmapped);
        ClusterState state = status.state();
        return new CibImport(config, state, stickiness, fencing,
                utilization, options.getOrDefault("placement-strategy", "default").equals("minimal"), executionDate(),
                fenceDevices, status.fenceDevicesOn(), fenceRanks, unmapped, commands);
    }

    private void clusterOptions() {
        if (isTrue(options.get("maintenance-mode"))) {
            commands.add("ha:maintenance on");
        }
        if (isTrue(options.get("stop-all-resources"))) {
            unmapped.add(new Unmapped("nvpair", "stop-all-resources", "Basket has no switch that stops every resource"));
        }
        if ("0".equals(attr(cib, "have-quorum")) || "false".equals(attr(cib, "have-quorum"))) {
            String policy = options.getOrDefault("no-quorum-policy", "stop");
            if (!policy.equals("ignore")) {
                unmapped.add(new Unmapped("cib", "have-quorum", "the partition has no quorum and no-quorum-policy is "
                        + policy + ": Basket's managers decide by their coordination, not by a quorum of hosts"));
            }
        }
        String health = options.getOrDefault("node-health-strategy", "none");
        if (!health.equals("none")) {
            unmapped.add(new Unmapped("nvpair", "node-health-strategy", "node health (" + health + "): Basket judges a"
                    + " host by its driver and fencing, not by health attributes"));
        }
        if (isTrue(options.get("shutdown-lock"))) {
            unmapped.add(new Unmapped("nvpair", "shutdown-lock", "resources locked to a node that shuts down cleanly:"
                    + " Basket moves them away"));
        }
        String strategy = options.getOrDefault("placement-strategy", "default");
        if (!Set.of("default", "utilization", "balanced", "minimal").contains(strategy)) {
            unmapped.add(new Unmapped("nvpair", "placement-strategy", "unknown strategy '" + strategy + "'"));
        }
        for (String tag : List.of("tags", "acls", "op_defaults")) {
            Element e = child(configuration, tag);
            if (e != null && !children(e).isEmpty() && !tag.equals("op_defaults")) {
                unmapped.add(new Unmapped(tag, id(e), "Basket has no " + tag));
            }
        }
    }

    private void nodes() {
        for (Element node : children(child(configuration, "nodes"), "node")) {
            String name = attr(node, "uname", id(node));
            String type = attr(node, "type", "member");
            if (!type.equals("member") && !type.equals("normal")) {
                unmapped.add(new Unmapped("node", id(node), "a " + type + " node: Basket's hosts are hypervisors"));
                continue;
            }
            if (!name.matches(NAME)) {
                unmapped.add(new Unmapped("node", id(node), "'" + name + "' is not a valid Basket name"));
                continue;
            }
            Map<String, String> attributes = new TreeMap<>(nvpairs(node, "instance_attributes", unmapped));
            String standby = attributes.remove("standby");
            String maintenance = attributes.remove("maintenance");
            if (isTrue(maintenance)) {
                nodeModes.put(name, "maintenance");
                commands.add("ha:maintenance on --host " + name);
            } else if (isTrue(standby)) {
                nodeModes.put(name, "standby");
                commands.add("ha:host-standby " + name);
            }
            attributes.keySet().removeIf(k -> {
                if (k.matches("[A-Za-z0-9._-]+") && attributes.get(k).matches("[^,=]*")) {
                    return false;
                }
                droppedAttributes.add(k);
                return true;
            });
            capacities.put(name, capacity(node, "node", name));
            String address = virtualDomains ? remote(hypervisor, name) : name;
            hosts.put(name, new Host(name, virtualDomains ? LIBVIRT_DRIVER : SIM_DRIVER, address, attributes));
        }
    }

    private Capacity capacity(Element element, String what, String id) {
        if (!utilization) {
            return Capacity.NONE; // placement-strategy default: Pacemaker ignores utilization
        }
        Map<String, String> utilization = nvpairs(element, "utilization", unmapped);
        long cpus = 0;
        long memory = 0;
        for (Map.Entry<String, String> e : utilization.entrySet()) {
            long value;
            try {
                value = Long.parseLong(e.getValue().trim());
            } catch (NumberFormatException x) {
                unmapped.add(new Unmapped("utilization", id, what + " utilization " + e.getKey() + "='" + e.getValue()
                        + "' is not a whole number"));
                continue;
            }
            switch (e.getKey().toLowerCase(java.util.Locale.ROOT)) {
                case "cpu", "cpus", "vcpu", "vcpus", "cores" -> cpus = value;
                case "memory", "mem", "ram" -> memory = value;
                default -> unmapped.add(new Unmapped("utilization", id, what + " utilization '" + e.getKey()
                        + "': Basket knows CPUs (cpu) and memory in MB (memory)"));
            }
        }
        return new Capacity((int) Math.min(Integer.MAX_VALUE, Math.max(0, cpus)), Math.max(0, memory));
    }

    private void resourceElement(Element e, Map<String, String> inherited, String group) {
        switch (e.getTagName()) {
            case "primitive" -> primitive(e, inherited);
            case "group" -> {
                if (group != null) {
                    unmapped.add(new Unmapped("group", id(e), "a group inside a group"));
                    return;
                }
                Map<String, String> meta = new LinkedHashMap<>(inherited);
                meta.putAll(nvpairs(e, "meta_attributes", unmapped));
                List<String> members = new ArrayList<>();
                for (Element member : children(e)) {
                    if (member.getTagName().equals("primitive")) {
                        int before = resources.size();
                        primitive(member, meta);
                        if (resources.size() > before) {
                            members.add(id(member));
                        }
                    } else if (!Set.of("meta_attributes", "instance_attributes", "utilization").contains(
                            member.getTagName())) {
                        unmapped.add(new Unmapped(member.getTagName(), id(member), "in group " + id(e)
                                + ": a group of primitives only"));
                    }
                }
                if (!isTrue(meta.getOrDefault("ordered", "true")) || !isTrue(meta.getOrDefault("collocated", "true"))) {
                    unmapped.add(new Unmapped("group", id(e), "an unordered or not colocated group"));
                }
                groups.put(id(e), members);
            }
            case "clone", "master", "bundle", "template" -> unmapped.add(new Unmapped(e.getTagName(), id(e),
                    switch (e.getTagName()) {
                        case "clone" -> child(e, "meta_attributes") != null && isTrue(nvpairs(e, "meta_attributes",
                                new ArrayList<>()).get("promotable")) ? "a promotable clone: Basket runs each resource"
                                + " once, without roles" : "a clone: Basket runs each resource once";
                        case "master" -> "a promotable (master/slave) resource: Basket runs each resource once, "
                                + "without roles";
                        case "bundle" -> "a bundle (containers): Basket places VMs and services";
                        default -> "a resource template: Basket has none";
                    }));
            default -> unmapped.add(new Unmapped(e.getTagName(), id(e), "unknown resource element"));
        }
    }

    private void primitive(Element e, Map<String, String> inherited) {
        String id = id(e);
        String cls = attr(e, "class", "");
        String type = attr(e, "type", "");
        int rank = ++primitives;
        if (cls.equals("stonith")) {
            fenceRanks.put(id, rank);
            Map<String, String> parameters = new TreeMap<>(nvpairs(e, "instance_attributes", unmapped));
            String list = parameters.remove("pcmk_host_list");
            List<String> targets = list == null ? List.of() : List.of(list.trim().split("[\\s,;]+"));
            if ("unfencing".equals(nvpairs(e, "meta_attributes", new ArrayList<>()).get("provides"))) {
                unmapped.add(new Unmapped("primitive", id, "a device that unfences (provides=unfencing): Basket"
                        + " fences hosts but does not unfence them"));
            }
            fenceDevices.add(new CibImport.FenceDevice(id, type, targets, parameters, Map.of()));
            return;
        }
        if (!id.matches(NAME)) {
            unmapped.add(new Unmapped("primitive", id, "'" + id + "' is not a valid Basket name"));
            return;
        }
        if (type.equals("remote") && cls.equals("ocf")) {
            unmapped.add(new Unmapped("primitive", id, "a Pacemaker Remote connection: Basket has no remote nodes"));
            return;
        }
        Map<String, String> meta = new LinkedHashMap<>(defaults);
        meta.putAll(inherited);
        meta.putAll(nvpairs(e, "meta_attributes", unmapped));
        for (String key : meta.keySet()) {
            if (key.equals("remote-node") || key.equals("container")) {
                unmapped.add(new Unmapped("primitive", id, "meta " + key + ": a guest node; Basket's guest services"
                        + " are watched by its in-guest agent"));
                return;
            }
        }
        boolean vm = type.equals("VirtualDomain");
        Map<String, String> instance = nvpairs(e, "instance_attributes", vm ? unmapped : new ArrayList<>());
        String domain = vm ? domainName(instance.get("config"), id) : id;
        if (vm && !virtualDomains) {
            virtualDomains = true;
            hypervisor = instance.getOrDefault("hypervisor", "qemu:///system");
        }
        int ownStickiness = score(meta.getOrDefault("resource-stickiness", Integer.toString(stickiness)));
        if (ownStickiness != stickiness && ownStickiness < 0) {
            unmapped.add(new Unmapped("primitive", id, "its own resource-stickiness " + ownStickiness + ": Basket's"
                    + " stickiness is 0 to INFINITY"));
        }
        String role = meta.getOrDefault("target-role", "Started").replace("#default", "Started");
        if (!Set.of("started", "stopped").contains(role.toLowerCase(java.util.Locale.ROOT))) {
            unmapped.add(new Unmapped("primitive", id, "target-role " + role + ": Basket has no roles"));
        }
        if (!isTrue(meta.getOrDefault("is-managed", "true")) || isTrue(meta.get("maintenance"))) {
            unmanaged.add(id);
            commands.add("ha:maintenance on --resource " + id);
        }
        if (meta.getOrDefault("restart-type", "ignore").equals("restart")) {
            unmapped.add(new Unmapped("primitive", id, "restart-type=restart (deprecated): it restarts whenever what is"
                    + " ordered before it restarts, even through optional orders; Basket restarts a then only through"
                    + " mandatory orders"));
        }
        String multipleActive = meta.getOrDefault("multiple-active", "stop_start");
        if (multipleActive.equals("stop_only") || multipleActive.equals("block")) {
            unmapped.add(new Unmapped("primitive", id, "multiple-active=" + multipleActive + ": a resource found on"
                    + " several hosts keeps one copy running in Basket, the others stopped"));
        }
        for (Element op : children(child(e, "operations"), "op")) {
            String onFail = attr(op, "on-fail", "restart");
            boolean stopDefault = "stop".equals(attr(op, "name"))
                    && onFail.equals(isTrue(options.getOrDefault("stonith-enabled", "true")) ? "fence" : "block");
            if (!onFail.equals("restart") && !stopDefault) {
                unmapped.add(new Unmapped("op", id(op), "on-fail=" + onFail + " for " + attr(op, "name") + " of " + id
                        + ": Basket recovers every failure by a restart, elsewhere once the threshold is reached"));
            }
        }
        Capacity demand = capacity(e, "resource", id);
        int threshold = score(meta.getOrDefault("migration-threshold", "INFINITY"));
        Duration failureTimeout = PacemakerTime.duration(meta.getOrDefault("failure-timeout", "0"));
        resources.put(id, new Resource(id, vm ? ResourceKind.VIRTUAL_MACHINE : ResourceKind.HOST_SERVICE, domain,
                demand, isTrue(meta.get("allow-migrate")), score(meta.getOrDefault("priority", "0")),
                !role.equalsIgnoreCase("stopped"), "", threshold <= 0 ? Score.INFINITY : threshold, failureTimeout,
                null, rank, ownStickiness == stickiness || ownStickiness < 0 ? Resource.MANAGER_STICKINESS
                : ownStickiness));
    }

    /** A node-local libvirt URI ({@code qemu:///system}, {@code xen:///system}) as reached over SSH from Basket. */
    static String remote(String uri, String node) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([a-z0-9]+)(\\+[a-z]+)?://[^/]*(/.*)?")
                .matcher(uri.trim());
        if (!m.matches()) {
            return "qemu+ssh://" + node + "/system";
        }
        return m.group(1) + "+ssh://" + node + (m.group(3) == null ? "/system" : m.group(3));
    }

    /** VirtualDomain's {@code config} is the domain's XML file; libvirt names the domain after it by convention. */
    private static String domainName(String config, String id) {
        if (config == null || config.isBlank()) {
            return id;
        }
        String file = config.substring(config.lastIndexOf('/') + 1);
        return file.endsWith(".xml") ? file.substring(0, file.length() - 4) : file;
    }

    /** As Pacemaker reads a score: {@code [+-]INFINITY}, {@code red}/{@code yellow}/{@code green} aside, else the leading integer. */
    static int score(String text) {
        String t = text.trim();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[+-]?\\d+").matcher(t);
        if (t.equalsIgnoreCase("INFINITY") || t.equalsIgnoreCase("+INFINITY")) {
            return Score.INFINITY;
        }
        if (t.equalsIgnoreCase("-INFINITY")) {
            return Score.MINUS_INFINITY;
        }
        if (m.lookingAt()) {
            String digits = m.group();
            return digits.replace("+", "").replace("-", "").length() > 9
                    ? (digits.startsWith("-") ? Score.MINUS_INFINITY : Score.INFINITY) : Score.clamp(Long.parseLong(digits));
        }
        return 0;
    }

    private Optional<Instant> executionDate() {
        String date = attr(cib, "execution-date");
        try {
            return date == null ? Optional.empty() : Optional.of(Instant.ofEpochSecond(Long.parseLong(date.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}

package org.basket.pacemaker;

import static org.basket.pacemaker.Xml.attr;
import static org.basket.pacemaker.Xml.child;
import static org.basket.pacemaker.Xml.children;
import static org.basket.pacemaker.Xml.id;
import static org.basket.pacemaker.Xml.isTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.basket.api.model.Constraint;
import org.basket.api.model.Resource;
import org.basket.api.model.Score;
import org.w3c.dom.Element;

/**
 * Location, colocation and order constraints, with their sets, in Basket's constraints. A group stands for its first
 * member where it is placed or started after something, and for its last where something starts after it.
 */
final class ConstraintMapper {
    private final Set<String> resources;
    private final Map<String, List<String>> groups;
    private final Set<String> hosts;
    private final Set<String> fenceDevices;
    private final List<Unmapped> unmapped;
    private final List<Constraint> out;

    ConstraintMapper(Set<String> resources, Map<String, List<String>> groups, Set<String> hosts,
                     Set<String> fenceDevices, List<Unmapped> unmapped, List<Constraint> out) {
        this.fenceDevices = fenceDevices;
        this.resources = resources;
        this.groups = groups;
        this.hosts = hosts;
        this.unmapped = unmapped;
        this.out = out;
    }

    /** A group: each member placed with the one before it and started after it. */
    static List<Constraint> groupRules(String group, List<String> members, Map<String, Resource> resources) {
        List<Constraint> rules = new ArrayList<>();
        for (int i = 1; i < members.size(); i++) {
            String before = members.get(i - 1);
            String member = members.get(i);
            rules.add(new Constraint.Colocation(group + "-" + member + "-with-" + before, member, before,
                    Score.INFINITY));
            rules.add(new Constraint.Order(group + "-" + before + "-then-" + member, before, member, true));
        }
        return rules;
    }

    void map(Element constraints) {
        for (Element c : children(constraints)) {
            String id = id(c);
            if (!id.matches(CibMapper.NAME)) {
                unmapped.add(new Unmapped(c.getTagName(), id, "'" + id + "' is not a valid Basket name"));
                continue;
            }
            if (namesFenceDevice(c)) {
                continue; // Basket runs fence agents from the manager: they are not placed or ordered
            }
            int before = unmapped.size();
            List<Constraint> mapped = switch (c.getTagName()) {
                case "rsc_location" -> location(c);
                case "rsc_colocation" -> colocation(c);
                case "rsc_order" -> order(c);
                case "rsc_ticket" -> refuse(c, "a ticket (multi-site): Basket has no tickets");
                default -> refuse(c, "unknown constraint");
            };
            if (unmapped.size() == before) {
                out.addAll(mapped);
            }
        }
    }

    private boolean namesFenceDevice(Element c) {
        for (String key : List.of("rsc", "with-rsc", "first", "then")) {
            if (attr(c, key) != null && fenceDevices.contains(attr(c, key))) {
                return true;
            }
        }
        for (Element set : children(c, "resource_set")) {
            for (Element ref : children(set, "resource_ref")) {
                if (fenceDevices.contains(attr(ref, "id", ""))) {
                    return true;
                }
            }
        }
        return false;
    }

    private List<Constraint> refuse(Element c, String reason) {
        unmapped.add(new Unmapped(c.getTagName(), id(c), reason));
        return List.of();
    }

    /** The members a reference stands for, or null (and the reason recorded) when it names nothing Basket has. */
    private List<String> members(Element c, String ref) {
        if (ref == null) {
            refuse(c, "names no resource");
            return null;
        }
        if (groups.containsKey(ref)) {
            return groups.get(ref);
        }
        if (resources.contains(ref)) {
            return List.of(ref);
        }
        refuse(c, "names '" + ref + "', which is not an imported resource");
        return null;
    }

    private List<Constraint> location(Element c) {
        String id = id(c);
        if (attr(c, "rsc-pattern") != null) {
            return refuse(c, "a resource pattern: Basket's locations name their resource");
        }
        if (attr(c, "role") != null && !attr(c, "role").equals("Started")) {
            return refuse(c, "role " + attr(c, "role") + ": Basket has no roles");
        }
        if ("exclusive".equals(attr(c, "resource-discovery"))) {
            return refuse(c, "resource-discovery=exclusive: Basket places resources on any host not excluded");
        }
        if (child(c, "resource_set") != null) {
            return refuse(c, "a location of a resource set");
        }
        List<String> members = members(c, attr(c, "rsc"));
        if (members == null) {
            return List.of();
        }
        List<Constraint> mapped = new ArrayList<>();
        String node = attr(c, "node");
        if (node != null) {
            if (!hosts.contains(node)) {
                return refuse(c, "names node '" + node + "', which is not an imported host");
            }
            int score = score(c, attr(c, "score"));
            for (String m : members) {
                mapped.add(new Constraint.Location(name(id, m, members), m, node, score));
            }
            return mapped;
        }
        List<Element> rules = children(c, "rule");
        if (rules.size() != 1) {
            return refuse(c, rules.isEmpty() ? "neither a node nor a rule" : "several rules");
        }
        Element rule = rules.get(0);
        List<Element> expressions = children(rule);
        if (expressions.size() != 1 || !expressions.get(0).getTagName().equals("expression")
                || attr(rule, "score") == null || attr(rule, "role") != null) {
            return refuse(c, "rule " + id(rule) + " is not one node-attribute test with a score (Basket's location"
                    + " rules compare one host attribute: eq, ne, defined, not_defined)");
        }
        Element e = expressions.get(0);
        String attribute = attr(e, "attribute");
        String op = attr(e, "operation", "");
        String value = attr(e, "value", "");
        int score = score(c, attr(rule, "score"));
        if (attr(e, "value-source") != null && !attr(e, "value-source").equals("literal")) {
            return refuse(c, "expression " + id(e) + " takes its value from a parameter");
        }
        if ("#uname".equals(attribute) && op.equals("eq")) {
            if (!hosts.contains(value)) {
                return refuse(c, "names node '" + value + "', which is not an imported host");
            }
            for (String m : members) {
                mapped.add(new Constraint.Location(name(id, m, members), m, value, score));
            }
            return mapped;
        }
        Constraint.AttributeOperation operation = switch (op) {
            case "eq" -> Constraint.AttributeOperation.EQ;
            case "ne" -> Constraint.AttributeOperation.NE;
            case "defined" -> Constraint.AttributeOperation.EXISTS;
            case "not_defined" -> Constraint.AttributeOperation.NOT_EXISTS;
            default -> null;
        };
        if (operation == null || attribute == null || attribute.startsWith("#")) {
            return refuse(c, "expression " + id(e) + " (" + attribute + " " + op + " " + value + "): Basket's rules "
                    + "compare a host attribute by eq, ne, defined, not_defined");
        }
        for (String m : members) {
            mapped.add(new Constraint.LocationRule(name(id, m, members), m, attribute, operation, value, score));
        }
        return mapped;
    }

    private List<Constraint> colocation(Element c) {
        String id = id(c);
        for (String key : List.of("rsc-role", "with-rsc-role")) {
            if (attr(c, key) != null && !attr(c, key).equals("Started")) {
                return refuse(c, key + " " + attr(c, key) + ": Basket has no roles");
            }
        }
        if (attr(c, "node-attribute") != null && !attr(c, "node-attribute").equals("#uname")) {
            return refuse(c, "node-attribute " + attr(c, "node-attribute") + ": Basket colocates on one host");
        }
        if (attr(c, "score-attribute") != null || attr(c, "score") == null) {
            return refuse(c, "no fixed score");
        }
        int score = score(c, attr(c, "score"));
        List<Element> sets = children(c, "resource_set");
        List<Constraint> mapped = new ArrayList<>();
        if (sets.isEmpty()) {
            List<String> rsc = members(c, attr(c, "rsc"));
            List<String> with = members(c, attr(c, "with-rsc"));
            if (rsc == null || with == null) {
                return List.of();
            }
            mapped.add(new Constraint.Colocation(id, rsc.get(0), with.get(0), score));
            return mapped;
        }
        List<List<String>> resolved = sets(c, sets);
        if (resolved == null) {
            return List.of();
        }
        for (int s = 0; s < resolved.size(); s++) {
            List<String> set = resolved.get(s);
            if (isTrue(attr(sets.get(s), "sequential", "true"))) {
                // a chain, each with the one before; apart (a negative score), each apart from every one before it
                for (int i = 1; i < set.size(); i++) {
                    for (int j = score < 0 ? 0 : i - 1; j < i; j++) {
                        mapped.add(new Constraint.Colocation(id + "-" + set.get(i) + "-with-" + set.get(j),
                                set.get(i), set.get(j), score));
                    }
                }
            }
            if (s + 1 < resolved.size()) {
                String with = resolved.get(s + 1).get(0);
                for (String m : set) {
                    mapped.add(new Constraint.Colocation(id + "-" + m + "-with-" + with, m, with, score));
                }
            }
        }
        return mapped;
    }

    private List<Constraint> order(Element c) {
        String id = id(c);
        for (String key : List.of("first-action", "then-action")) {
            if (attr(c, key) != null && !attr(c, key).equals("start")) {
                return refuse(c, key + " " + attr(c, key) + ": Basket orders starts (and stops the other way)");
            }
        }
        String kind = attr(c, "kind");
        boolean mandatory;
        if (kind == null) {
            mandatory = attr(c, "score") == null || score(c, attr(c, "score")) > 0;
        } else if (kind.equals("Mandatory") || kind.equals("Optional")) {
            mandatory = kind.equals("Mandatory");
        } else {
            return refuse(c, "kind " + kind + ": Basket orders are Mandatory or Optional");
        }
        if (!isTrue(attr(c, "symmetrical", "true"))) {
            return refuse(c, "not symmetrical: Basket's orders also stop in reverse");
        }
        List<Element> sets = children(c, "resource_set");
        List<Constraint> mapped = new ArrayList<>();
        if (sets.isEmpty()) {
            List<String> first = members(c, attr(c, "first"));
            List<String> then = members(c, attr(c, "then"));
            if (first == null || then == null) {
                return List.of();
            }
            mapped.add(new Constraint.Order(id, first.get(first.size() - 1), then.get(0), mandatory));
            return mapped;
        }
        List<List<String>> resolved = sets(c, sets);
        if (resolved == null) {
            return List.of();
        }
        for (int s = 0; s < resolved.size(); s++) {
            Element set = sets.get(s);
            if (!isTrue(attr(set, "require-all", "true"))) {
                return refuse(c, "set " + id(set) + " with require-all=false: Basket's orders need every first");
            }
            boolean sequential = isTrue(attr(set, "sequential", "true"));
            List<String> members = resolved.get(s);
            if (sequential) {
                for (int i = 1; i < members.size(); i++) {
                    mapped.add(new Constraint.Order(id + "-" + members.get(i - 1) + "-then-" + members.get(i),
                            members.get(i - 1), members.get(i), mandatory));
                }
            }
            if (s + 1 < resolved.size()) {
                List<String> next = resolved.get(s + 1);
                boolean nextSequential = isTrue(attr(sets.get(s + 1), "sequential", "true"));
                List<String> firsts = sequential ? List.of(members.get(members.size() - 1)) : members;
                List<String> thens = nextSequential ? List.of(next.get(0)) : next;
                for (String f : firsts) {
                    for (String t : thens) {
                        mapped.add(new Constraint.Order(id + "-" + f + "-then-" + t, f, t, mandatory));
                    }
                }
            }
        }
        return mapped;
    }

    /** Each set's resources (a group as its members), or null when one names nothing imported. */
    private List<List<String>> sets(Element c, List<Element> sets) {
        List<List<String>> resolved = new ArrayList<>();
        for (Element set : sets) {
            if (attr(set, "role") != null && !attr(set, "role").equals("Started")) {
                refuse(c, "set " + id(set) + " with role " + attr(set, "role") + ": Basket has no roles");
                return null;
            }
            List<String> members = new ArrayList<>();
            for (Element ref : children(set, "resource_ref")) {
                List<String> m = members(c, attr(ref, "id"));
                if (m == null) {
                    return null;
                }
                members.addAll(m);
            }
            if (members.isEmpty()) {
                refuse(c, "set " + id(set) + " is empty");
                return null;
            }
            resolved.add(members);
        }
        return resolved;
    }

    private static String name(String id, String member, List<String> members) {
        return members.size() == 1 ? id : id + "-" + member;
    }

    private static int score(Element c, String text) {
        return CibMapper.score(text == null ? "0" : text);
    }
}

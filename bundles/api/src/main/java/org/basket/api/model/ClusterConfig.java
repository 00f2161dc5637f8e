package org.basket.api.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The desired configuration: hosts, resources and constraints, sorted by name. */
public record ClusterConfig(SortedMap<String, Host> hosts, SortedMap<String, Resource> resources,
                            List<Constraint> constraints) {
    public static final ClusterConfig EMPTY = of(List.of(), List.of(), List.of());

    public ClusterConfig {
        hosts = byName(hosts);
        resources = byName(resources);
        List<Constraint> sorted = new ArrayList<>(constraints);
        sorted.sort(Comparator.comparing(Constraint::name));
        constraints = List.copyOf(sorted);
    }

    public static ClusterConfig of(Collection<Host> hosts, Collection<Resource> resources,
                                   Collection<? extends Constraint> constraints) {
        Map<String, Host> h = new TreeMap<>();
        hosts.forEach(x -> h.put(x.name(), x));
        Map<String, Resource> r = new TreeMap<>();
        resources.forEach(x -> r.put(x.name(), x));
        List<Constraint> all = new ArrayList<>(constraints);
        for (Resource resource : resources) {
            if (resource.hasContainer()) {
                all.add(new Constraint.Container("container-" + resource.name(), resource.name(), resource.container()));
            }
        }
        return new ClusterConfig(new TreeMap<>(h), new TreeMap<>(r), all);
    }

    /** A copy sorted by name, whatever order the given map keeps. */
    static <V> SortedMap<String, V> byName(Map<String, V> map) {
        SortedMap<String, V> sorted = new TreeMap<>();
        sorted.putAll(map);
        return Collections.unmodifiableSortedMap(sorted);
    }

    public <T extends Constraint> List<T> constraints(Class<T> type) {
        return constraints.stream().filter(type::isInstance).map(type::cast).toList();
    }
}

package org.basket.core.site;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.basket.api.config.ConfigException;
import org.basket.api.config.KeyProblems;
import org.basket.api.config.StrictConfig;
import org.basket.core.config.SitesConfig;

/** The settings of etc/org.basket.sites.cfg, read strictly: every bad key named, nothing half applied. */
public record SiteGroups(SortedMap<String, SiteGroup> groups, String grantsFile, Duration drillTimeout) {
    /** Bounds on what the file can make the manager hold. */
    static final int MAX_GROUPS = 200;
    static final int MAX_MEMBERS = 500;
    private static final Pattern KEY = Pattern.compile("group\\.([A-Za-z0-9_.-]+)\\.(members|home)");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    public static final SiteGroups NONE = new SiteGroups(new TreeMap<>(), "", Duration.ofMinutes(10));

    public static SiteGroups read(Map<String, ?> raw) throws ConfigException {
        KeyProblems problems = new KeyProblems();
        SitesConfig config = StrictConfig.read(SitesConfig.class, raw, problems);
        long timeout = problems.within("drill.timeout.s", config.drill_timeout_s(), 1, 86_400);
        Map<String, List<String>> members = new HashMap<>();
        Map<String, String> homes = new HashMap<>();
        for (Map.Entry<String, ?> entry : new TreeMap<>(raw).entrySet()) {
            Matcher m = KEY.matcher(entry.getKey());
            if (!m.matches()) {
                continue;
            }
            String value = String.valueOf(entry.getValue()).trim();
            if (m.group(2).equals("home")) {
                if (!NAME.matcher(value).matches()) {
                    problems.add(entry.getKey(), value, "not a site name (1 to 64 of A-Z a-z 0-9 _ . -)");
                }
                homes.put(m.group(1), value);
            } else {
                members.put(m.group(1), members(entry.getKey(), value, problems));
            }
        }
        Set<String> names = new HashSet<>(members.keySet());
        names.addAll(homes.keySet());
        if (names.size() > MAX_GROUPS) {
            problems.add("group.*", names.size() + " groups", "at most " + MAX_GROUPS);
        }
        SortedMap<String, SiteGroup> groups = new TreeMap<>();
        Map<String, String> groupOf = new HashMap<>();
        for (String name : new TreeMap<>(homes).keySet()) {
            if (!members.containsKey(name)) {
                problems.add("group." + name + ".members", "missing: a group needs its members");
            }
        }
        for (String name : new TreeMap<>(members).keySet()) {
            if (!homes.containsKey(name)) {
                problems.add("group." + name + ".home", "missing: a group needs its home site");
                continue;
            }
            for (String member : members.get(name)) {
                String other = groupOf.putIfAbsent(member, name);
                if (other != null) {
                    problems.add("group." + name + ".members", member, "already a member of group " + other);
                }
            }
            groups.put(name, new SiteGroup(name, homes.get(name), members.get(name)));
        }
        problems.throwIfAny();
        return new SiteGroups(groups, config.grants_file(), Duration.ofSeconds(timeout));
    }

    private static List<String> members(String key, String value, KeyProblems problems) {
        List<String> list = new ArrayList<>();
        for (String part : value.split(",")) {
            String member = part.trim();
            if (!NAME.matcher(member).matches()) {
                problems.add(key, value, "not a list of resource names: '" + member + "'");
                return List.of();
            }
            if (list.contains(member)) {
                problems.add(key, value, member + " is listed twice");
                return List.of();
            }
            list.add(member);
        }
        if (list.size() > MAX_MEMBERS) {
            problems.add(key, list.size() + " members", "at most " + MAX_MEMBERS);
        }
        return list;
    }
}

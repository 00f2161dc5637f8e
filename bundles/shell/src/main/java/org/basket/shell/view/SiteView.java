package org.basket.shell.view;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.basket.api.cluster.SiteOverview;
import org.basket.api.coordination.Role;

/** The sites and groups as ha:sites shows them and GET /api/sites answers. */
public final class SiteView {
    private SiteView() {
    }

    /**
     * The sites, the groups and the role of this manager: a grant is moved by the leader only, with its epoch.
     *
     * @param role this manager's role, or null without a coordination service (then epoch and role are null)
     */
    public static Map<String, Object> map(SiteOverview overview, Role role) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("sites", sites(overview));
        all.put("groups", groups(overview));
        all.put("role", role == null ? null : role.kind().name());
        all.put("epoch", role == null ? null : role.epoch());
        return all;
    }

    public static List<Map<String, Object>> sites(SiteOverview overview) {
        return overview.sites().stream().map(site -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("site", site.name());
            row.put("hosts", site.hosts());
            return row;
        }).toList();
    }

    /** Each group: home, grant (the site, or "stood down, moving to" one), movingTo, where each member runs ("-"). */
    public static List<Map<String, Object>> groups(SiteOverview overview) {
        return overview.groups().stream().map(group -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("group", group.name());
            row.put("home", group.home());
            row.put("grant", group.grant().isEmpty() ? "stood down, moving to " + group.movingTo() : group.grant());
            row.put("movingTo", group.grant().isEmpty() ? group.movingTo() : null);
            Map<String, Object> running = new LinkedHashMap<>();
            for (int i = 0; i < group.members().size(); i++) {
                running.put(group.members().get(i), group.running().get(i).isEmpty() ? "-" : group.running().get(i));
            }
            row.put("members", running);
            return row;
        }).toList();
    }
}

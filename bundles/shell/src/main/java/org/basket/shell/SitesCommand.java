package org.basket.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.basket.api.cluster.SiteOverview;
import org.basket.api.cluster.Sites;
import org.basket.shell.support.JsonCommand;

@Service
@Command(scope = "ha", name = "sites", description = "Lists the sites (hosts by their attribute site) with their hosts, "
        + "and the groups (etc/org.basket.sites.cfg) with their home site, the site that holds each one's grant (a group "
        + "runs there only) and where its members run.")
public class SitesCommand extends JsonCommand {

    @Reference
    Sites sites;

    @Override
    protected void run() {
        SiteOverview overview = sites.overview();
        List<Map<String, Object>> siteRows = new ArrayList<>();
        for (SiteOverview.Site site : overview.sites()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("site", site.name());
            row.put("hosts", site.hosts());
            siteRows.add(row);
        }
        List<Map<String, Object>> groupRows = new ArrayList<>();
        for (SiteOverview.Group group : overview.groups()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("group", group.name());
            row.put("home", group.home());
            row.put("grant", group.grant().isEmpty() ? "stood down, moving to " + group.movingTo() : group.grant());
            Map<String, Object> running = new LinkedHashMap<>();
            for (int i = 0; i < group.members().size(); i++) {
                running.put(group.members().get(i), group.running().get(i).isEmpty() ? "-" : group.running().get(i));
            }
            row.put("members", running);
            groupRows.add(row);
        }
        if (json) {
            printJson(Map.of("sites", siteRows, "groups", groupRows));
            return;
        }
        if (siteRows.isEmpty()) {
            out.println("No sites: no host has the attribute site.");
        } else {
            printTable(siteRows, "site", "hosts");
        }
        if (groupRows.isEmpty()) {
            out.println("No groups in etc/org.basket.sites.cfg.");
        } else {
            out.println();
            printTable(groupRows, "group", "home", "grant", "members");
        }
    }
}

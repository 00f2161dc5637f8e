package org.basket.shell;

import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.basket.api.cluster.SiteOverview;
import org.basket.api.cluster.Sites;
import org.basket.api.coordination.Coordination;
import org.basket.shell.support.JsonCommand;
import org.basket.shell.view.SiteView;

@Service
@Command(scope = "ha", name = "sites", description = "Lists the sites (hosts by their attribute site) with their hosts, "
        + "and the groups (etc/org.basket.sites.cfg) with their home site, the site that holds each one's grant (a group "
        + "runs there only) and where its members run; --json adds this manager's role and epoch (grants are moved by the "
        + "leader only, with its epoch).")
public class SitesCommand extends JsonCommand {

    @Reference
    Sites sites;

    @Reference(optional = true)
    Coordination coordination;

    @Override
    protected void run() {
        SiteOverview overview = sites.overview();
        if (json) {
            printJson(SiteView.map(overview, coordination == null ? null : coordination.role()));
            return;
        }
        List<Map<String, Object>> siteRows = SiteView.sites(overview);
        List<Map<String, Object>> groupRows = SiteView.groups(overview);
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

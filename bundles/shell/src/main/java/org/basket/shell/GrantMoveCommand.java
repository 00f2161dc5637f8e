package org.basket.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.basket.api.cluster.Sites;
import org.basket.shell.support.HaCommand;

@Service
@Command(scope = "ha", name = "grant-move", description = "Moves a group's grant to another site: the group stops on the "
        + "site that holds the grant, then the grant moves and the group starts on the new site. Nothing is checked "
        + "first (ha:drill does): this is the operator's word.")
public class GrantMoveCommand extends HaCommand {

    @Reference
    Sites sites;

    @Argument(index = 0, name = "group", description = "The group (etc/org.basket.sites.cfg)", required = true)
    String group;

    @Option(name = "--to", description = "The site that gets the grant")
    String to;

    @Argument(index = 1, name = "flags", description = "--to SITE written after the group", required = false,
            multiValued = true)
    List<String> after;

    @Override
    protected void run() throws InterruptedException {
        List<String> words = after == null ? new ArrayList<>() : new ArrayList<>(after);
        to = TrailingValue.take(words, "--to", to);
        trailingFlags(words, "ha:grant-move <group> --to <site>", Map.of());
        if (to == null || to.isEmpty()) {
            throw new IllegalArgumentException("where to? ha:grant-move <group> --to <site>");
        }
        sites.moveGrant(group, to, line -> {
            out.println(line);
            out.flush();
        });
    }
}

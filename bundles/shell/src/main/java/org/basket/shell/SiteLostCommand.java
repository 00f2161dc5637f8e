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
@Command(scope = "ha", name = "site-lost", description = "Declares a site lost: every grant it holds moves to the other "
        + "site at once, and its groups start there once the lost site's hosts are fenced (or confirmed off with "
        + "ha:fence-confirm), never before. Basket never declares a site lost by itself. Needs --yes.")
public class SiteLostCommand extends HaCommand {

    @Reference
    Sites sites;

    @Argument(index = 0, name = "site", description = "The site that is lost", required = true)
    String site;

    @Option(name = "--to", description = "The site that takes over its groups")
    String to;

    @Option(name = "--yes", description = "I know the site is lost")
    boolean yes;

    @Argument(index = 1, name = "flags", description = "--to SITE, --yes written after the site", required = false,
            multiValued = true)
    List<String> after;

    @Override
    protected void run() {
        List<String> words = after == null ? new ArrayList<>() : new ArrayList<>(after);
        to = TrailingValue.take(words, "--to", to);
        String usage = "ha:site-lost <site> --to <site> --yes";
        trailingFlags(words, usage, Map.of("--yes", () -> yes = true));
        if (to == null || to.isEmpty()) {
            throw new IllegalArgumentException("which site takes over? " + usage);
        }
        if (!yes) {
            throw new IllegalArgumentException("not confirmed: the groups of " + site + " will start on " + to
                    + " once its hosts are fenced; repeat with --yes");
        }
        List<String> moved = sites.declareSiteLost(site, to);
        if (moved.isEmpty()) {
            out.println("Site " + site + " holds no grant: nothing moved.");
        }
        moved.forEach(out::println);
    }
}

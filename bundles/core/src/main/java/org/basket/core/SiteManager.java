package org.basket.core;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.basket.api.cluster.ClusterService;
import org.basket.api.cluster.DrillPlan;
import org.basket.api.cluster.DrillReport;
import org.basket.api.cluster.SiteOverview;
import org.basket.api.cluster.Sites;
import org.basket.api.config.ConfigException;
import org.basket.api.config.StrictConfig;
import org.basket.api.coordination.Coordination;
import org.basket.api.coordination.SharedState;
import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.basket.core.config.SitesConfig;
import org.basket.core.site.Grant;
import org.basket.core.site.GrantStore;
import org.basket.core.site.SiteGroup;
import org.basket.core.site.SiteGroups;
import org.basket.core.site.SiteRules;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sites and drills (etc/org.basket.sites.cfg): gives the control loop the sites' rules, keeps the grants
 * ({@link GrantStore}) and runs drills and the operator's moves of a grant ({@link DrillRun}), one at a time.
 */
@Component(service = Sites.class, immediate = true, configurationPid = "org.basket.sites")
@Designate(ocd = SitesConfig.class)
public final class SiteManager implements Sites {
    private static final Logger LOG = LoggerFactory.getLogger(SiteManager.class);

    @Reference(target = "(component.name=org.basket.core.ClusterManager)")
    ClusterService cluster;
    private volatile Coordination coordination;
    private volatile SharedState shared;

    private ClusterManager manager;
    private volatile SiteGroups settings = SiteGroups.NONE;
    private volatile GrantStore grants;
    /** One drill or move at a time. */
    private final Object operation = new Object();
    /** The last completed drill of each group to each site, by "group>site". */
    private final Map<String, DrillReport> drills = new HashMap<>();

    @Activate
    void activate(Map<String, Object> properties) {
        open((ClusterManager) cluster, properties);
    }

    /** Also the entry point of tests outside OSGi. */
    void open(ClusterManager manager, Map<String, ?> properties) {
        this.manager = manager;
        apply(properties);
        manager.planWithin(this::rules);
        LOG.info("Basket sites started: {} group(s)", settings.groups().size());
    }

    @Modified
    void modified(Map<String, Object> properties) {
        apply(properties);
        manager.planWithin(this::rules);
    }

    @Deactivate
    void deactivate() {
        manager.planWithin(c -> c);
        LOG.info("Basket sites stopped");
    }

    private void apply(Map<String, ?> properties) {
        Map<String, Object> own = new HashMap<>(properties);
        own.keySet().remove("cluster.target"); // the target of the reference to the manager, set by Declarative Services
        try {
            SiteGroups next = SiteGroups.read(own);
            String file = next.grantsFile();
            Path path = !file.isEmpty() ? Paths.get(file)
                    : Paths.get(System.getProperty("karaf.data", "data"), "basket", "site-grants.properties");
            if (grants == null || !next.grantsFile().equals(settings.grantsFile())) {
                GrantStore store = new GrantStore(path);
                store.shareThrough(shared, coordination);
                grants = store;
            }
            settings = next;
        } catch (ConfigException e) {
            LOG.error("refused, the last good sites stay in force: {}",
                    e.describe(StrictConfig.source("org.basket.sites", properties)));
            if (grants == null) { // refused at start: no groups, the grants where they are kept by default
                grants = new GrantStore(Paths.get(System.getProperty("karaf.data", "data"), "basket",
                        "site-grants.properties"));
                grants.shareThrough(shared, coordination);
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindCoordination(Coordination bound) {
        coordination = bound;
        share();
    }

    void unbindCoordination(Coordination bound) {
        if (coordination == bound) {
            coordination = null;
            share();
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindSharedState(SharedState bound) {
        shared = bound;
        share();
    }

    void unbindSharedState(SharedState bound) {
        if (shared == bound) {
            shared = null;
            share();
        }
    }

    private void share() {
        GrantStore store = grants;
        if (store != null) {
            store.shareThrough(shared, coordination);
        }
    }

    /** The configuration with the sites' rules, for the control loop. */
    ClusterConfig rules(ClusterConfig config) {
        GrantStore store = grants;
        if (store == null) {
            return config;
        }
        Map<String, Grant> read = store.read();
        if (store.unknownBecause() != null) { // never guess a grant: every group stands down until they can be read
            Map<String, Grant> nowhere = new HashMap<>();
            settings.groups().keySet().forEach(group -> nowhere.put(group, Grant.standingDown("")));
            return SiteRules.apply(config, settings.groups(), nowhere);
        }
        return SiteRules.apply(config, settings.groups(), read);
    }

    private SiteFacts facts() {
        Map<String, Grant> read = grants.read();
        String unknown = grants.unknownBecause();
        if (unknown != null) {
            throw new IllegalStateException("the site grants cannot be read, every group stays stopped: " + unknown);
        }
        return new SiteFacts(manager.snapshot().config(), settings, read);
    }

    private DrillRun run(SiteFacts facts) {
        return new DrillRun(manager, grants, facts, settings.drillTimeout(), () -> manager.planWithin(this::rules));
    }

    @Override
    public SiteOverview overview() {
        SiteFacts facts = facts();
        ClusterState state = manager.snapshot().state();
        List<SiteOverview.Site> sites = new ArrayList<>();
        facts.sites().forEach((name, hosts) -> sites.add(new SiteOverview.Site(name, hosts)));
        List<SiteOverview.Group> groups = new ArrayList<>();
        for (SiteGroup group : settings.groups().values()) {
            Grant grant = facts.grant(group);
            List<String> running = group.members().stream()
                    .map(m -> String.join(" ", state.resource(m).activeOn())).toList();
            groups.add(new SiteOverview.Group(group.name(), group.home(), group.members(), grant.site(),
                    grant.movingTo(), running));
        }
        return new SiteOverview(sites, groups);
    }

    @Override
    public DrillPlan planDrill(String group, String toSite) {
        SiteFacts facts = facts();
        return run(facts).plan(group, toSite, Optional.ofNullable(lastDrill(group, toSite)));
    }

    @Override
    public DrillReport drill(String group, String toSite, Consumer<String> progress) throws InterruptedException {
        synchronized (operation) {
            DrillReport report = run(facts()).run(group, toSite, progress);
            if (report.completed()) {
                synchronized (drills) {
                    drills.put(group + ">" + toSite, report);
                }
            }
            LOG.info("drill of {} from {} to {}: {}", group, report.from(), toSite, report.completed()
                    ? "completed, longest outage " + DrillRun.seconds(report.longest()) : report.failure());
            return report;
        }
    }

    private DrillReport lastDrill(String group, String toSite) {
        synchronized (drills) {
            return drills.get(group + ">" + toSite);
        }
    }

    @Override
    public void moveGrant(String group, String toSite, Consumer<String> progress) throws InterruptedException {
        synchronized (operation) {
            run(facts()).move(group, toSite, progress);
            LOG.info("grant of {} moved to site {} by the operator", group, toSite);
        }
    }

    @Override
    public List<String> declareSiteLost(String site, String toSite) {
        synchronized (operation) {
            SiteFacts facts = facts();
            facts.hostsOf(site);
            facts.hostsOf(toSite);
            if (site.equals(toSite)) {
                throw new IllegalArgumentException("the lost site and the site that takes over are both " + site);
            }
            List<String> moved = new ArrayList<>();
            for (SiteGroup group : settings.groups().values()) {
                Grant grant = facts.grant(group);
                if (grant.site().equals(site) || grant.movingTo().equals(site)) {
                    grants.write(group.name(), Grant.heldBy(toSite));
                    moved.add(group.name() + ": grant moved from site " + site + " to " + toSite + "; it starts there"
                            + " once every host of " + site + " it ran on is fenced or confirmed off");
                }
            }
            manager.planWithin(this::rules);
            LOG.warn("site {} declared lost by the operator: {}", site, moved);
            return moved;
        }
    }
}

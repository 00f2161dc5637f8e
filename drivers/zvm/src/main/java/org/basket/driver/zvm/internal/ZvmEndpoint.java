package org.basket.driver.zvm.internal;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.basket.api.driver.DomainInfo;
import org.basket.api.driver.DomainState;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.DriverListener;
import org.basket.api.driver.Fencing;
import org.basket.api.driver.HostBinding;
import org.basket.api.driver.HostInfo;
import org.basket.api.driver.HypervisorDriver;
import org.basket.api.driver.LiveMigration;
import org.basket.api.driver.MigrationOptions;
import org.basket.api.fence.FenceDevice;
import org.basket.api.model.Capacity;
import org.basket.api.model.HostCondition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One z/VM SSI cluster: every member Basket attaches (its address: the member's system identifier) is reached through
 * the Cloud Connector that runs on it. A guest is named by its z/VM userid; its power state is the one the member
 * reports (a guest logged on to another member is off here). A member whose connector does not answer loses contact.
 */
final class ZvmEndpoint implements HypervisorDriver, LiveMigration, Fencing {
    private static final Logger LOG = LoggerFactory.getLogger(ZvmEndpoint.class);
    static final int MAX_GUESTS = 10_000;
    private static final long POLL_MS = 200;

    private final ZvmSettings settings;
    private final DriverListener listener;
    private final Map<String, Connector> connectors = new TreeMap<>();
    /** Basket's host name -> the member's system identifier. */
    private final Map<String, String> attached = new ConcurrentHashMap<>();
    private final Set<String> unreachable = ConcurrentHashMap.newKeySet();

    ZvmEndpoint(ZvmSettings settings, HttpClient http, DriverListener listener) {
        this.settings = settings;
        this.listener = listener;
        settings.members().values().forEach(m -> connectors.put(m.system(), new Connector(settings.endpoint(), m, http,
                settings.callTimeout())));
    }

    /** Asks every member's connector for its host; fails, naming each, when none answers. */
    void open() throws DriverException {
        List<String> failures = new ArrayList<>();
        for (Connector connector : connectors.values()) {
            try {
                checkSystem(connector);
            } catch (DriverException e) {
                failures.add(e.getMessage());
                LOG.warn("z/VM driver '{}': {}", settings.endpoint(), e.getMessage());
            }
        }
        if (failures.size() == connectors.size()) {
            throw new DriverException(String.join("; ", failures));
        }
    }

    private JsonNode checkSystem(Connector connector) throws DriverException {
        JsonNode host = connector.get("/host", "reading the z/VM system (GET /host)");
        String system = host.path("zvm_host").asText("");
        if (!system.equalsIgnoreCase(connector.system())) {
            throw new DriverException(connector.where() + ": the connector manages z/VM system '" + system + "', not "
                    + connector.system() + ": check key member." + connector.system() + ".url");
        }
        return host;
    }

    @Override
    public List<String> discoverHosts() {
        return List.copyOf(connectors.keySet());
    }

    @Override
    public void attach(HostBinding host) throws DriverException {
        String system = host.address().trim().toUpperCase(Locale.ROOT);
        if (!connectors.containsKey(system)) {
            throw new DriverException("z/VM endpoint '" + settings.endpoint() + "': host " + host.name() + ": no member '"
                    + host.address() + "' (known: " + String.join(", ", connectors.keySet()) + ")");
        }
        attached.put(host.name(), system);
        LOG.info("z/VM driver '{}': host {} attached as member {}", settings.endpoint(), host.name(), system);
        checkSystem(connectors.get(system));
    }

    @Override
    public void detach(String host) {
        attached.remove(host);
        unreachable.remove(host);
    }

    /**
     * The member's processors and memory ({@code GET /host}): {@code vcpus}, {@code memory_mb} and what is used of them;
     * the SSI cluster as it sees it ({@code GET /host/ssi}) as the condition {@code ssi} when not stable.
     */
    @Override
    public HostInfo host(String host) throws DriverException {
        JsonNode info = reach(host, c -> c.get("/host", "reading the z/VM system (GET /host)"));
        int cpus = info.path("vcpus").asInt(0);
        long memoryMb = (long) info.path("memory_mb").asDouble(0);
        int freeCpus = Math.max(0, cpus - info.path("vcpus_used").asInt(0));
        long freeMb = Math.max(0, memoryMb - (long) info.path("memory_mb_used").asDouble(0));
        List<HostCondition> conditions = new ArrayList<>();
        try {
            SsiState.condition(connectorOf(host).get("/host/ssi", "reading the SSI cluster (GET /host/ssi)")).ifPresent(conditions::add);
        } catch (DriverException e) {
            LOG.debug("z/VM driver '{}': no SSI state of {}: {}", settings.endpoint(), host, e.getMessage());
        }
        return new HostInfo(host, new Capacity(cpus, memoryMb), new Capacity(freeCpus, freeMb), conditions);
    }

    @Override
    public List<DomainInfo> domains(String host) throws DriverException {
        return reach(host, connector -> {
            JsonNode list = connector.get("/guests", "listing guests (GET /guests)");
            if (list.size() > MAX_GUESTS) {
                throw new DriverException(connector.where() + ": " + list.size() + " guests, more than " + MAX_GUESTS + " handled");
            }
            List<DomainInfo> result = new ArrayList<>();
            for (JsonNode guest : list) {
                String userid = guest.asText();
                try {
                    result.add(new DomainInfo(userid, state(connector, userid)));
                } catch (FeilongError e) {
                    if (!e.notFound()) {
                        throw e;
                    }
                }
            }
            return result;
        });
    }

    @Override
    public DomainInfo monitor(String host, String domain) throws DriverException {
        String userid = userid(domain);
        return reach(host, connector -> new DomainInfo(domain, state(connector, userid)));
    }

    /** Logs the guest on to this member ({@code start}) and waits until the member reports it on. */
    @Override
    public void start(String host, String domain) throws DriverException {
        String userid = userid(domain);
        Connector connector = connectorOf(host);
        if (state(connector, userid) == DomainState.RUNNING) {
            return;
        }
        refuseIfOnElsewhere(connector, userid, domain);
        connector.post(actionPath(userid), Map.of("action", "start", "timeout", 0), "starting guest " + domain,
                settings.callTimeout());
        awaitState(connector, userid, DomainState.RUNNING, settings.startTimeout(), "starting guest " + domain);
        LOG.info("z/VM driver '{}': guest {} started on member {}", settings.endpoint(), domain, connector.system());
    }

    /** A guest logged on to another member that answers is never started here; one on a lost member SSI itself refuses. */
    private void refuseIfOnElsewhere(Connector here, String userid, String domain) throws DriverException {
        for (Connector other : connectors.values()) {
            if (other != here) {
                DomainState there;
                try {
                    there = state(other, userid);
                } catch (DriverException silentOrUnknown) {
                    continue;
                }
                if (there.isActive()) {
                    throw new DriverException(here.where() + ": guest " + domain + " is logged on to member " + other.system()
                            + ", not started here");
                }
            }
        }
    }

    /**
     * {@code softstop} with the grace as its timeout (the guest is signalled to shut down; the connector waits for it to
     * log off), then, if it is still on, {@code stop} (forced off at once).
     */
    @Override
    public void stop(String host, String domain, Duration grace) throws DriverException {
        String userid = userid(domain);
        Connector connector = connectorOf(host);
        try {
            if (state(connector, userid) == DomainState.SHUTOFF) {
                return;
            }
        } catch (FeilongError e) {
            if (e.notFound()) {
                return; // no such guest: it runs nowhere, so it is stopped (as an OCF agent's stop is)
            }
            throw e;
        }
        long seconds = Math.max(0, grace.toSeconds());
        if (seconds > 0) {
            connector.post(actionPath(userid), Map.of("action", "softstop", "timeout", seconds, "poll_interval", 1),
                    "shutting guest " + domain + " down", settings.callTimeout().plus(grace));
        }
        if (state(connector, userid) != DomainState.SHUTOFF) {
            forceOff(connector, userid, domain);
        }
        LOG.info("z/VM driver '{}': guest {} stopped on member {}", settings.endpoint(), domain, connector.system());
    }

    void forceOff(Connector connector, String userid, String domain) throws DriverException {
        connector.post(actionPath(userid), Map.of("action", "stop"), "forcing guest " + domain + " off", settings.callTimeout());
        awaitState(connector, userid, DomainState.SHUTOFF, settings.callTimeout(), "forcing guest " + domain + " off");
    }

    /**
     * Live guest relocation: {@code live_migrate_vm} with operation {@code test} (VMRELOCATE TEST: is the guest eligible),
     * then {@code move}, which returns when the relocation ended. Feilong's API tells nothing while it runs: the progress
     * reported is the step and the time spent against MAXTOTAL. A failed test or move leaves the guest on its source.
     */
    @Override
    public void migrate(String domain, String fromHost, String toHost, MigrationOptions options) throws DriverException {
        String userid = userid(domain);
        Connector source = connectorOf(fromHost);
        Connector target = connectorOf(toHost);
        String what = "relocating guest " + domain + " from member " + source.system() + " to " + target.system();
        options.progress().accept("testing relocation of " + domain + " to " + target.system());
        try {
            source.post(actionPath(userid), relocation(target, "test"), what + " (VMRELOCATE TEST)", settings.callTimeout());
        } catch (DriverException e) {
            throw new DriverException(e.getMessage() + "; guest " + domain + " not eligible, it stays on " + source.system(), e);
        }
        options.progress().accept("eligible; moving " + domain + " to " + target.system());
        try (Ticker ticker = new Ticker(domain, target.system(), settings.maxTotalSeconds(), options.progress())) {
            source.post(actionPath(userid), relocation(target, "move"), what, settings.relocationTimeout());
        } catch (DriverException e) {
            throw new DriverException(e.getMessage() + "; " + whereNow(source, target, userid, domain), e);
        }
        if (state(target, userid) != DomainState.RUNNING) {
            throw new DriverException(target.where() + ": " + what + ": the move answered success but the guest is not on "
                    + target.system() + "; " + whereNow(source, target, userid, domain));
        }
        listener.domainChanged(fromHost, domain, DomainState.SHUTOFF);
        listener.domainChanged(toHost, domain, DomainState.RUNNING);
        options.progress().accept(domain + " runs on " + target.system());
        LOG.info("z/VM driver '{}': guest {} relocated from {} to {}", settings.endpoint(), domain, source.system(), target.system());
    }

    private Map<String, Object> relocation(Connector target, String operation) {
        Map<String, Object> parms = new LinkedHashMap<>();
        parms.put("maxtotal", settings.maxTotalSeconds());
        parms.put("maxquiesce", settings.maxQuiesceSeconds());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", "live_migrate_vm");
        body.put("dest_zcc_userid", settings.members().get(target.system()).zccUserid());
        body.put("destination", target.system());
        body.put("parms", parms);
        body.put("operation", operation);
        return body;
    }

    private String whereNow(Connector source, Connector target, String userid, String domain) {
        List<String> on = new ArrayList<>();
        for (Connector c : List.of(source, target)) {
            try {
                if (state(c, userid) == DomainState.RUNNING) {
                    on.add(c.system());
                }
            } catch (DriverException e) {
                on.add(c.system() + "?");
            }
        }
        return on.isEmpty() ? "guest " + domain + " is on neither member now" : "guest " + domain + " runs on " + String.join(", ", on);
    }

    @Override
    public FenceDevice fenceDevice(String host) throws DriverException {
        Connector connector = connectorOf(host);
        return new ZvmFence(host, connector, this);
    }

    /** Every guest the member reports on. */
    List<String> guestsOn(Connector connector) throws DriverException {
        List<String> on = new ArrayList<>();
        for (JsonNode guest : connector.get("/guests", "listing guests (GET /guests)")) {
            if (state(connector, guest.asText()) == DomainState.RUNNING) {
                on.add(guest.asText());
            }
        }
        return on;
    }

    @Override
    public void close() {
        attached.clear();
    }

    static DomainState state(Connector connector, String userid) throws DriverException {
        String power = connector.get("/guests/" + userid + "/power_state", "reading the power state of guest " + userid).asText("");
        return switch (power) {
            case "on" -> DomainState.RUNNING;
            case "off" -> DomainState.SHUTOFF;
            default -> DomainState.UNKNOWN;
        };
    }

    private void awaitState(Connector connector, String userid, DomainState wanted, Duration limit, String what)
            throws DriverException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (state(connector, userid) != wanted) {
            if (System.nanoTime() > deadline) {
                throw new DriverException(connector.where() + ": " + what + ": not " + (wanted == DomainState.RUNNING ? "on" : "off")
                        + " after " + limit.toMillis() + " ms");
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DriverException(connector.where() + ": " + what + ": interrupted");
            }
        }
    }

    /** Runs a call on the host's connector; its success or failure is the host's contact, told on each change. */
    private <T> T reach(String host, Call<T> call) throws DriverException {
        Connector connector = connectorOf(host);
        try {
            T result = call.on(connector);
            if (unreachable.remove(host)) {
                listener.hostContact(host, true, connector.where() + ": answers again");
            }
            return result;
        } catch (FeilongError e) {
            throw e;
        } catch (DriverException e) {
            if (unreachable.add(host)) {
                listener.hostContact(host, false, e.getMessage());
            }
            throw e;
        }
    }

    private Connector connectorOf(String host) throws DriverException {
        String system = attached.get(host);
        if (system == null) {
            throw new DriverException("z/VM endpoint '" + settings.endpoint() + "': host " + host + " is not attached");
        }
        return connectors.get(system);
    }

    /** A z/VM userid: 1 to 8 of A-Z, 0-9, @, # and $; anything else is refused before it reaches a URL. */
    static String userid(String domain) throws DriverException {
        String userid = domain.trim().toUpperCase(Locale.ROOT);
        if (!userid.matches("[A-Z0-9@#$]{1,8}")) {
            throw new DriverException("'" + domain + "' is not a z/VM userid (1 to 8 of A-Z, 0-9, @, #, $)");
        }
        return userid;
    }

    private static String actionPath(String userid) {
        return "/guests/" + userid + "/action";
    }

    private interface Call<T> {
        T on(Connector connector) throws DriverException;
    }
}

package org.basket.driver.zvm.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A simulator of the z/VM Cloud Connector (Feilong) REST API for one z/VM SSI cluster: one HTTPS server on 127.0.0.1
 * per member, as Feilong is deployed (one connector per z/VM system), over one shared world of guests.
 *
 * <p>Sources: Feilong's REST API reference ({@code doc/source/restapi.rst}, {@code parameters.yaml}) and its request and
 * response samples ({@code zvmsdk/tests/fvt/api_templates/*.tpl}), the WSGI handlers ({@code zvmsdk/sdkwsgi/handler.py},
 * {@code handlers/tokens.py}, {@code handlers/guest.py}, {@code util.py}: how {@code overallRC} becomes the HTTP status;
 * {@code deploy.py}: the error body of an HTTP fault), {@code zvmsdk/returncode.py} and {@code smtLayer/migrateVM.py},
 * {@code smtLayer/msgs.py} (the SMAPI VMRELOCATE failure, rc 8 rs 3000, and ULTGUT0420E), from
 * github.com/openmainframeproject/feilong at a63e677.
 *
 * <p>What it serves: {@code POST /token} ({@code X-Admin-Token} -> {@code X-Auth-Token}; every other call needs a valid
 * token, else HTTP 401 with the fault body {@code overallRC 400, rc 400, rs 401, modID 120}); {@code GET /host}
 * (the member's {@code zvm_host}, {@code vcpus}, {@code vcpus_used}, {@code memory_mb}, {@code memory_mb_used});
 * {@code GET /host/ssi} (SSI_Query's lines); {@code GET /guests}; {@code GET /guests/{userid}/power_state} ({@code on} only on the member the guest is logged on
 * to; 404 {@code overallRC 404, rc 404, rs 1} for an unknown guest); {@code POST /guests/{userid}/action} with
 * {@code start}, {@code stop}, {@code softstop} ({@code timeout}, {@code poll_interval}) and {@code live_migrate_vm}
 * ({@code destination}, {@code dest_zcc_userid}, {@code parms}, {@code operation} test or move); an unknown action
 * 400, a live_migrate_vm of a guest not on 409 {@code overallRC 409, rs 1} "Guest 'X' is not in active status.", a
 * failed VMRELOCATE HTTP 500 {@code overallRC 8, modID 1, rc 8, rs 3000} with the smtLayer's message.
 *
 * <p>Its limits (its own choices, not Feilong's documented behaviour): the busy answer (HTTP 409,
 * {@code overallRC 409, rc 409, rs 99}, "is locked") of a guest under relocation or made busy by a test; a start of a
 * guest logged on to another member (CP's cross-system logon check) answers HTTP 500 {@code overallRC 8, rc 200,
 * rs 8}; tokens are opaque random strings, not Feilong's JWTs; a guest that ignores the shutdown signal stays on after a
 * softstop's timeout (the caller forces it); SSI: a lost member is {@code Unknown} and the cluster in mode {@code Safe},
 * a deactivated one {@code Down} and the cluster {@code Stable} again, but safe mode blocks nothing: a guest of a
 * deactivated member can be logged on elsewhere at once.
 *
 * <p>Faults: a member lost (its connector stops answering; its guests stay logged on), a member's LPAR deactivated (its
 * guests logged off: what fence_ibmz does), a busy guest, a failed relocation, every token expired, a guest that
 * ignores shutdown, relocations that take time.
 */
public final class FeilongSimulator implements AutoCloseable {
    public static final String ADMIN_TOKEN = "sim-admin-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern GUEST = Pattern.compile("/guests/([^/]+)/(power_state|action)");

    private final Map<String, Member> members = new TreeMap<>();
    private final Map<String, Guest> guests = new TreeMap<>();
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> calls = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "feilong-sim");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long relocationMs = 300;
    private HttpServer control;

    private static final class Member {
        final String system;
        HttpsServer server;
        final int cpus;
        final long memoryMb;
        boolean lost;
        boolean deactivated;

        Member(String system, int cpus, long memoryMb) {
            this.system = system;
            this.cpus = cpus;
            this.memoryMb = memoryMb;
        }
    }

    private static final class Guest {
        final String userid;
        final int cpus;
        final long memoryMb;
        String loggedOnAt;
        boolean relocating;
        int busy;
        int failRelocations;
        boolean ignoresShutdown;

        Guest(String userid, int cpus, long memoryMb) {
            this.userid = userid;
            this.cpus = cpus;
            this.memoryMb = memoryMb;
        }
    }

    /** An SSI cluster of {@code members} members ZVM1.., and {@code guests} guests LINUX01.. logged on round robin. */
    public static FeilongSimulator start(int members, int guests) throws IOException {
        FeilongSimulator simulator = new FeilongSimulator();
        for (int i = 1; i <= members; i++) {
            simulator.addMember("ZVM" + i, 8, 16_384);
        }
        List<String> systems = new ArrayList<>(simulator.members.keySet());
        for (int i = 1; i <= guests; i++) {
            Guest guest = new Guest(String.format("LINUX%02d", i), 1, 1024);
            guest.loggedOnAt = systems.get((i - 1) % systems.size());
            simulator.guests.put(guest.userid, guest);
        }
        return simulator;
    }

    private void addMember(String system, int cpus, long memoryMb) throws IOException {
        Member member = new Member(system, cpus, memoryMb);
        members.put(system, member);
        serve(member);
    }

    private void serve(Member member) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        try {
            server.setHttpsConfigurator(new HttpsConfigurator(TestCertificate.get().serverContext()));
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
        server.createContext("/", exchange -> handle(member, exchange));
        server.setExecutor(threads);
        server.start();
        member.server = server;
    }

    /** The driver keys of an endpoint over every member, with the test truststore. */
    public Map<String, String> endpointKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        synchronized (this) {
            members.values().forEach(m -> {
                keys.put("member." + m.system + ".url", url(m.system));
                keys.put("member." + m.system + ".zcc.userid", "ZCC" + m.system.substring(3));
            });
        }
        keys.put("admin.token", ADMIN_TOKEN);
        keys.put("truststore", TestCertificate.get().truststore.toString());
        keys.put("truststore.password", TestCertificate.PASSWORD);
        keys.put("call.timeout.ms", "10000");
        keys.put("start.timeout.ms", "5000");
        return keys;
    }

    public synchronized String url(String system) {
        return "https://127.0.0.1:" + members.get(system).server.getAddress().getPort();
    }

    public synchronized List<String> members() {
        return List.copyOf(members.keySet());
    }

    // --- faults and inspection -------------------------------------------------------------------------------------

    /** The member's connector stops answering (connection refused); its guests stay logged on, as far as anyone knows. */
    public void loseMember(String system) {
        HttpsServer server;
        synchronized (this) {
            Member member = members.get(system);
            member.lost = true;
            server = member.server;
        }
        server.stop(0);
    }

    /** The member's LPAR deactivated, as fence_ibmz would through the HMC: its guests are logged off. */
    public synchronized void deactivate(String system) {
        Member member = members.get(system);
        member.deactivated = true;
        guests.values().stream().filter(g -> system.equals(g.loggedOnAt)).forEach(g -> g.loggedOnAt = null);
    }

    /** The member's LPAR activated and loaded again (the HMC's activate and load): no guest is logged on to it yet. */
    public synchronized void activate(String system) {
        members.get(system).deactivated = false;
    }

    public synchronized boolean deactivated(String system) {
        return members.get(system).deactivated;
    }

    public void expireTokens() {
        tokens.clear();
    }

    public synchronized void busy(String userid, int times) {
        guests.get(userid).busy = times;
    }

    public synchronized void failRelocation(String userid, int times) {
        guests.get(userid).failRelocations = times;
    }

    public synchronized void ignoreShutdown(String userid) {
        guests.get(userid).ignoresShutdown = true;
    }

    public void relocationMs(long ms) {
        relocationMs = ms;
    }

    /** The member a guest is logged on to, or null. */
    public synchronized String loggedOnAt(String userid) {
        return guests.get(userid).loggedOnAt;
    }

    /** The guest logged on to the member, as SMAPI's Image_Activate there does; false if it is logged on somewhere. */
    public synchronized boolean logOn(String userid, String system) {
        Guest guest = guests.get(userid);
        if (guest.loggedOnAt != null) {
            return false;
        }
        guest.loggedOnAt = system;
        return true;
    }

    /** Every guest's userid, logged on or not (the directory). */
    public synchronized List<String> guests() {
        return List.copyOf(guests.keySet());
    }

    public synchronized void logOff(String userid) {
        guests.get(userid).loggedOnAt = null;
    }

    /** Calls by kind: "POST /token", "GET /host", "action start", "action live_migrate_vm move", ... */
    public int calls(String kind) {
        return calls.getOrDefault(kind, 0);
    }

    /**
     * A test-only control endpoint over plain HTTP on 127.0.0.1, for a test in another JVM: {@code POST logoff?guest=G}
     * (the guest logged off behind Basket's back), {@code POST lose?member=M}, {@code POST deactivate?member=M},
     * {@code GET where?guest=G} (its member, or "none"), {@code GET calls?kind=K}.
     */
    public synchronized String controlUrl() throws IOException {
        if (control == null) {
            control = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
            control.createContext("/basket-test/", exchange -> {
                try (exchange) {
                    Map<String, String> query = new HashMap<>();
                    String raw = exchange.getRequestURI().getQuery();
                    for (String pair : raw == null ? new String[0] : raw.split("&")) {
                        String[] kv = pair.split("=", 2);
                        query.put(kv[0], kv.length > 1 ? java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
                    }
                    String answer = control(exchange.getRequestURI().getPath().substring("/basket-test/".length()), query);
                    byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(answer.startsWith("unknown") ? 404 : 200, bytes.length);
                    exchange.getResponseBody().write(bytes);
                }
            });
            control.setExecutor(threads);
            control.start();
        }
        return "http://127.0.0.1:" + control.getAddress().getPort() + "/basket-test/";
    }

    private String control(String what, Map<String, String> query) {
        switch (what) {
            case "logoff" -> logOff(query.get("guest"));
            case "lose" -> loseMember(query.get("member"));
            case "deactivate" -> deactivate(query.get("member"));
            case "where" -> {
                String member = loggedOnAt(query.get("guest"));
                return member == null ? "none" : member;
            }
            case "calls" -> {
                return Integer.toString(calls(query.get("kind")));
            }
            default -> {
                return "unknown control " + what;
            }
        }
        return "done";
    }

    @Override
    public void close() {
        synchronized (this) {
            if (control != null) {
                control.stop(0);
            }
        }
        List<HttpsServer> servers;
        synchronized (this) {
            servers = members.values().stream().filter(m -> !m.lost).map(m -> m.server).toList();
        }
        servers.forEach(s -> s.stop(0));
        threads.shutdownNow();
    }

    // --- the API ---------------------------------------------------------------------------------------------------

    private void handle(Member member, HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readNBytes(1024 * 1024);
            exchange.getResponseHeaders().add("cache-control", "no-cache");
            if (method.equals("POST") && path.equals("/token")) {
                count("POST /token");
                token(exchange);
                return;
            }
            String auth = exchange.getRequestHeaders().getFirst("X-Auth-Token");
            if (auth == null || !tokens.contains(auth)) {
                count("401");
                fault(exchange, 401, "This server could not verify that you are authorized to access the document you "
                        + "requested. Either you supplied the wrong credentials (e.g., bad password), or your browser does "
                        + "not understand how to supply the credentials required.");
                return;
            }
            Matcher guest = GUEST.matcher(path);
            if (method.equals("GET") && path.equals("/host")) {
                count("GET /host");
                answer(exchange, 200, ok(hostInfo(member)));
            } else if (method.equals("GET") && path.equals("/host/ssi")) {
                count("GET /host/ssi");
                answer(exchange, 200, ok(ssiInfo()));
            } else if (method.equals("GET") && path.equals("/guests")) {
                count("GET /guests");
                answer(exchange, 200, ok(guestList()));
            } else if (guest.matches() && method.equals("GET") && guest.group(2).equals("power_state")) {
                count("GET power_state");
                powerState(member, guest.group(1), exchange);
            } else if (guest.matches() && method.equals("POST") && guest.group(2).equals("action")) {
                action(member, guest.group(1), body, exchange);
            } else if (path.equals("/host") || path.equals("/host/ssi") || path.equals("/guests") || guest.matches()) {
                fault(exchange, 405, "The method specified is not allowed for this resource.");
            } else {
                fault(exchange, 404, "The resource could not be found.");
            }
        } catch (RuntimeException e) {
            answer(exchange, 500, error(500, 120, 500, 1, "Unexpected internal error: " + e));
        }
    }

    private void token(HttpExchange exchange) throws IOException {
        if (!ADMIN_TOKEN.equals(exchange.getRequestHeaders().getFirst("X-Admin-Token"))) {
            fault(exchange, 401, "This server could not verify that you are authorized to access the document you requested.");
            return;
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        tokens.add(token);
        exchange.getResponseHeaders().add("X-Auth-Token", token);
        exchange.sendResponseHeaders(200, -1);
    }

    private synchronized Map<String, Object> hostInfo(Member member) {
        int cpusUsed = 0;
        long memoryUsed = 0;
        for (Guest g : guests.values()) {
            if (member.system.equals(g.loggedOnAt)) {
                cpusUsed += g.cpus;
                memoryUsed += g.memoryMb;
            }
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("disk_available", 3057);
        info.put("ipl_time", "IPL at 06/02/17 11:07:10 EDT");
        info.put("vcpus_used", cpusUsed);
        info.put("hypervisor_type", "zvm");
        info.put("vcpus", member.cpus);
        info.put("zvm_host", member.system);
        info.put("memory_mb", (double) member.memoryMb);
        info.put("cpu_info", Map.of("cec_model", "3931", "architecture", "s390x"));
        info.put("disk_total", 3623);
        info.put("zcc_userid", "ZCC" + member.system.substring(3));
        info.put("hypervisor_hostname", member.system);
        info.put("hypervisor_version", 730);
        info.put("disk_used", 566);
        info.put("memory_mb_used", (double) memoryUsed);
        return info;
    }

    /**
     * SSI_Query's lines as Feilong passes them on: a member lost and not deactivated is {@code Unknown} and the cluster
     * in mode {@code Safe}; a deactivated member is {@code Down} (the simulator's model of SSI, see the class comment).
     */
    private synchronized List<String> ssiInfo() {
        boolean safe = members.values().stream().anyMatch(m -> m.lost && !m.deactivated);
        List<String> lines = new ArrayList<>(List.of("ssi_name = BASKETSSI", "ssi_mode = " + (safe ? "Safe" : "Stable"),
                "ssi_pdr = SIM_on_0100", "cross_system_timeouts = Enabled", "output.ssiInfoCount = " + members.size(), ""));
        int slot = 1;
        for (Member m : members.values()) {
            lines.add("member_slot = " + slot++);
            lines.add("member_system_id = " + m.system);
            lines.add("member_state = " + (m.deactivated ? "Down" : m.lost ? "Unknown" : "Joined"));
            lines.add("member_pdr_heartbeat = 12/04/2026_20:00:00");
            lines.add("member_received_heartbeat = 12/04/2026_20:00:00");
            lines.add("");
        }
        return lines;
    }

    private synchronized List<String> guestList() {
        return List.copyOf(guests.keySet());
    }

    private void powerState(Member member, String userid, HttpExchange exchange) throws IOException {
        String state;
        synchronized (this) {
            Guest g = guests.get(userid);
            if (g == null) {
                answer(exchange, 404, notExist(userid));
                return;
            }
            state = member.system.equals(g.loggedOnAt) ? "on" : "off";
        }
        answer(exchange, 200, ok(state));
    }

    private void action(Member member, String userid, byte[] raw, HttpExchange exchange) throws IOException {
        if (raw.length > 0 && exchange.getRequestHeaders().getFirst("Content-Type") == null) {
            fault(exchange, 400, "content-type header required when content-length > 0");
            return;
        }
        JsonNode body;
        try {
            body = JSON.readTree(new String(raw, StandardCharsets.UTF_8));
        } catch (IOException e) {
            fault(exchange, 400, "Malformed JSON: " + e.getMessage());
            return;
        }
        if (body == null || !body.has("action")) {
            fault(exchange, 400, "action not exist or is empty");
            return;
        }
        String action = body.path("action").asText();
        count("action " + action + (action.equals("live_migrate_vm") ? " " + body.path("operation").asText() : ""));
        Map<String, Object> error;
        synchronized (this) {
            Guest g = guests.get(userid);
            if (g == null) {
                answer(exchange, 404, notExist(userid));
                return;
            }
            if (g.relocating || g.busy > 0) {
                if (!g.relocating) {
                    g.busy--;
                }
                answer(exchange, 409, error(409, 10, 409, 99, "Guest '" + userid + "' is locked: "
                        + (g.relocating ? "a VMRELOCATE of it is in progress" : "another operation on it is in progress")));
                return;
            }
            error = switch (action) {
                case "start" -> start(member, g);
                case "stop" -> {
                    if (member.system.equals(g.loggedOnAt)) {
                        g.loggedOnAt = null;
                    }
                    yield null;
                }
                case "softstop", "live_migrate_vm" -> null;
                default -> Map.of("invalid", action);
            };
        }
        if (error != null && error.containsKey("invalid")) {
            fault(exchange, 400, "action " + action + " is invalid");
        } else if (error != null) {
            answer(exchange, 500, error);
        } else if (action.equals("softstop")) {
            softstop(member, userid, body.path("timeout").asLong(0), exchange);
        } else if (action.equals("live_migrate_vm")) {
            relocate(member, userid, body, exchange);
        } else {
            answer(exchange, 200, ok(""));
        }
    }

    private Map<String, Object> start(Member member, Guest g) {
        if (g.loggedOnAt != null && !g.loggedOnAt.equals(member.system)) {
            return error(8, 1, 200, 8, "Failed to start the guest: '" + g.userid + "', SMT error: ULTGUT0300E SMAPI API"
                    + " failed: Image_Activate, overall rc: 8, rc: 200, rs: 8, cmd: HCPLGA054E Already logged on at system "
                    + g.loggedOnAt);
        }
        g.loggedOnAt = member.system;
        return null;
    }

    private void softstop(Member member, String userid, long timeoutSeconds, HttpExchange exchange) throws IOException {
        boolean ignores;
        synchronized (this) {
            ignores = guests.get(userid).ignoresShutdown;
            if (!ignores && member.system.equals(guests.get(userid).loggedOnAt)) {
                guests.get(userid).loggedOnAt = null;
            }
        }
        if (ignores) {
            sleep(Math.min(timeoutSeconds, 30) * 1000);
        }
        answer(exchange, 200, ok(""));
    }

    private void relocate(Member member, String userid, JsonNode body, HttpExchange exchange) throws IOException {
        String destination = body.path("destination").asText("");
        String operation = body.path("operation").asText("");
        if (destination.isEmpty() || !body.has("parms") || !(operation.equals("test") || operation.equals("move"))) {
            fault(exchange, 400, "live_migrate_vm needs destination, parms and operation test or move");
            return;
        }
        String verb = operation.equals("move") ? "move" : "test to move";
        String smapiVerb = operation.equals("move") ? "VMRELOCATE Move" : "VMRELOCATE Test";
        synchronized (this) {
            Guest g = guests.get(userid);
            if (!member.system.equals(g.loggedOnAt)) {
                answer(exchange, 409, error(409, 10, 409, 1, "Guest '" + userid + "' is not in active status."));
                return;
            }
            Member target = members.get(destination.toUpperCase());
            String codes = target == null ? "HCPRLH1940E" : target.lost || target.deactivated ? "HCPRLI1996I"
                    : target.system.equals(member.system) ? "HCPRLH1944E" : null;
            if (codes == null && operation.equals("move") && g.failRelocations > 0) {
                g.failRelocations--;
                codes = "HCPRLL1813I";
            }
            if (codes != null) {
                answer(exchange, 500, error(8, 1, 8, 3000, "Failed to " + verb + " userid '" + userid + "' to SSI '"
                        + destination + "'. SMT error: ULTGUT0420E An error occurred issuing a " + smapiVerb + " for userid "
                        + userid + ". Please look up message(s): " + codes + " in the CP Messages book for more information."));
                return;
            }
            if (operation.equals("test")) {
                answer(exchange, 200, ok(""));
                return;
            }
            g.relocating = true;
        }
        sleep(relocationMs);
        synchronized (this) {
            Guest g = guests.get(userid);
            g.relocating = false;
            g.loggedOnAt = destination.toUpperCase();
        }
        answer(exchange, 200, ok(""));
    }

    // --- bodies ----------------------------------------------------------------------------------------------------

    private static Map<String, Object> ok(Object output) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rs", 0);
        body.put("overallRC", 0);
        body.put("modID", null);
        body.put("rc", 0);
        body.put("errmsg", "");
        body.put("output", output);
        return body;
    }

    private static Map<String, Object> error(int overallRC, int modID, int rc, int rs, String errmsg) {
        Map<String, Object> body = new HashMap<>();
        body.put("overallRC", overallRC);
        body.put("modID", modID);
        body.put("rc", rc);
        body.put("rs", rs);
        body.put("errmsg", errmsg);
        body.put("output", "");
        return body;
    }

    private static Map<String, Object> notExist(String userid) {
        return error(404, 10, 404, 1, "Guest '" + userid + "' does not exist.");
    }

    /** An HTTP fault as Feilong's FaultWrapper writes it: overallRC 400, rc 400, rs the status, modID 120. */
    private static void fault(HttpExchange exchange, int status, String explanation) throws IOException {
        answer(exchange, status, error(400, 120, 400, status, explanation));
    }

    private static void answer(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void count(String kind) {
        calls.merge(kind, 1, Integer::sum);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

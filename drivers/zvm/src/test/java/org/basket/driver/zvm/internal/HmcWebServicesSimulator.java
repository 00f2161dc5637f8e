package org.basket.driver.zvm.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A simulator of the IBM Z HMC Web Services API, the part {@code fence_ibmz} (Debian fence-agents 4.12) uses, for one
 * CPC in classic (PR/SM) mode whose LPARs are the members of a {@link FeilongSimulator}'s SSI cluster: deactivating the
 * LPAR {@code ZVM1LPAR} deactivates member {@code ZVM1} in that world (its guests logged off), so both simulators share
 * one world. One HTTPS server on 127.0.0.1 (ephemeral port, the {@link TestCertificate}).
 *
 * <p>Sources: {@code /usr/sbin/fence_ibmz} itself (every request, header and field it uses), and the documented
 * formats as zhmcclient's mock HMC implements them ({@code zhmcclient/mock/_urihandler.py}: Logon's answer, List CPCs'
 * and List Logical Partitions' properties, Activate / Deactivate / Load, the error body {@code http-status},
 * {@code reason}, {@code message}, {@code request-method}, {@code request-uri}) and its session code
 * ({@code zhmcclient/_session.py}: 403 reason 4 no session ID, reason 5 a session ID not valid; job status
 * {@code running} / {@code complete} with {@code job-status-code}), github.com/zhmcclient/python-zhmcclient.
 *
 * <p>It serves: {@code POST /api/sessions} (Logon: {@code userid}, {@code password} -> {@code api-session}; a wrong
 * one HTTP 403 reason 0); {@code DELETE /api/sessions/this-session} (Logoff, 204); with a valid {@code X-API-Session}
 * header only: {@code GET /api/cpcs[?name=]}, {@code GET /api/cpcs/{id}/logical-partitions[?name=]} (an unknown name
 * HTTP 404 reason 1, what fence_ibmz says a classic-mode HMC answers, though the book documents an empty list),
 * {@code POST /api/logical-partitions/{id}/operations/activate | deactivate | load} (202 with a {@code job-uri}; load of
 * a not-activated LPAR 409 reason 0) and {@code GET /api/jobs/{id}}.
 *
 * <p>Limits: classic mode only (no DPM partitions); names match exactly (the API's {@code name} filter is a regular
 * expression); no activation profiles, load addresses or {@code force} checks (every operation is forced, as
 * fence_ibmz asks); no notifications (JMS); jobs are never deleted; the Logon failure's message text is the
 * simulator's own, not a real HMC's. Nothing of it was compared with a real HMC.
 */
public final class HmcWebServicesSimulator implements AutoCloseable {
    public static final String CPC = "CPC1";
    public static final String USERID = "basket-fence";
    public static final String PASSWORD = "hmc-Secret-42";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LPARS = Pattern.compile("/api/cpcs/([^/]+)/logical-partitions");
    private static final Pattern OPERATION = Pattern.compile("/api/logical-partitions/([^/]+)/operations/(activate|deactivate|load)");
    private static final Pattern JOB = Pattern.compile("/api/jobs/([^/]+)");
    private static boolean trustWritten;

    private final FeilongSimulator world;
    private final String cpcId = UUID.randomUUID().toString();
    private final Map<String, Lpar> lpars = new LinkedHashMap<>();
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();
    private final Map<String, Map<String, Object>> jobs = new ConcurrentHashMap<>();
    private final List<String> operations = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "hmc-sim");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpsServer server;

    private static final class Lpar {
        final String id = UUID.randomUUID().toString();
        final String name;
        final String system;
        String status;

        Lpar(String name, String system, String status) {
            this.name = name;
            this.system = system;
            this.status = status;
        }
    }

    private HmcWebServicesSimulator(FeilongSimulator world) throws IOException {
        this.world = world;
        for (String system : world.members()) {
            lpars.put(lparOf(system), new Lpar(lparOf(system), system, world.deactivated(system) ? "not-activated" : "operating"));
        }
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        try {
            server.setHttpsConfigurator(new HttpsConfigurator(TestCertificate.get().serverContext()));
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** An HMC managing CPC {@value #CPC}, one LPAR per member of {@code world}, user {@value #USERID}. */
    public static HmcWebServicesSimulator start(FeilongSimulator world) throws IOException {
        return new HmcWebServicesSimulator(world);
    }

    /** The LPAR that runs a member: {@code ZVM1} runs in {@code ZVM1LPAR}. */
    public static String lparOf(String system) {
        return system + "LPAR";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** fence_ibmz's parameters for the member's LPAR, as a fence level's .cfg gives them. */
    public Map<String, String> agentParameters(String system) {
        return Map.of("ip", "127.0.0.1", "ipport", Integer.toString(port()), "username", USERID, "password", PASSWORD,
                "plug", CPC + "/" + lparOf(system));
    }

    /**
     * Makes fence_ibmz (Python requests) trust this HMC: the certificate written, in PEM, to the file named by the
     * environment variable {@code REQUESTS_CA_BUNDLE}, which requests reads when a caller asks for verification (the
     * module's surefire configuration sets it; agents inherit the JVM's environment). Written once per JVM, so that no
     * agent still running reads it half rewritten.
     */
    public static synchronized void trustForAgents() throws IOException {
        if (trustWritten) {
            return;
        }
        String bundle = System.getenv("REQUESTS_CA_BUNDLE");
        if (bundle == null || bundle.isBlank()) {
            throw new IllegalStateException("REQUESTS_CA_BUNDLE is not set: run through Maven (drivers/zvm/pom.xml sets it)");
        }
        try {
            Files.writeString(Path.of(bundle), TestCertificate.get().certificatePem());
            trustWritten = true;
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /** {@code activate ZVM1LPAR}, {@code deactivate ZVM2LPAR} ... in the order the HMC accepted them. */
    public List<String> operations() {
        return List.copyOf(operations);
    }

    /** Sessions logged on and not logged off. */
    public int openSessions() {
        return sessions.size();
    }

    public synchronized String status(String lpar) {
        return lpars.get(lpar).status;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    // --- the API ---------------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String name = nameFilter(exchange.getRequestURI().getRawQuery());
            byte[] body = exchange.getRequestBody().readNBytes(64 * 1024);
            if (method.equals("POST") && path.equals("/api/sessions")) {
                logon(exchange, body);
                return;
            }
            String session = exchange.getRequestHeaders().getFirst("X-API-Session");
            if (session == null) {
                error(exchange, 403, 4, "No session ID was provided in the X-API-Session header.");
                return;
            }
            if (!sessions.contains(session)) {
                error(exchange, 403, 5, "The session ID in the X-API-Session header is not valid.");
                return;
            }
            Matcher lparList = LPARS.matcher(path);
            Matcher operation = OPERATION.matcher(path);
            Matcher job = JOB.matcher(path);
            if (method.equals("DELETE") && path.equals("/api/sessions/this-session")) {
                sessions.remove(session);
                exchange.sendResponseHeaders(204, -1);
            } else if (method.equals("GET") && path.equals("/api/cpcs")) {
                answer(exchange, 200, Map.of("cpcs", name == null || name.equals(CPC) ? List.of(cpc()) : List.of()));
            } else if (method.equals("GET") && lparList.matches()) {
                listLpars(exchange, lparList.group(1), name);
            } else if (method.equals("POST") && operation.matches()) {
                operate(exchange, operation.group(1), operation.group(2));
            } else if (method.equals("GET") && job.matches() && jobs.containsKey(job.group(1))) {
                answer(exchange, 200, jobs.get(job.group(1)));
            } else {
                error(exchange, 404, 1, "Unknown resource with URI: " + path);
            }
        } catch (RuntimeException e) {
            error(exchange, 500, 0, "Internal error of the simulator: " + e);
        }
    }

    private void logon(HttpExchange exchange, byte[] body) throws IOException {
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException e) {
            error(exchange, 400, 1, "The request body is not valid JSON.");
            return;
        }
        if (request == null || !request.hasNonNull("userid") || !request.hasNonNull("password")) {
            error(exchange, 400, 5, "The request body lacks the required field userid or password.");
            return;
        }
        if (!USERID.equals(request.get("userid").asText()) || !PASSWORD.equals(request.get("password").asText())) {
            error(exchange, 403, 0, "Logon failed: the user ID or password is not valid.");
            return;
        }
        String session = UUID.randomUUID().toString().replace("-", "");
        sessions.add(session);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("api-session", session);
        answer.put("notification-topic", "topic-" + session);
        answer.put("job-notification-topic", "jobtopic-" + session);
        answer.put("api-major-version", 4);
        answer.put("api-minor-version", 10);
        answer.put("password-expires", -1);
        answer.put("session-credential", session + "-credential");
        answer(exchange, 200, answer);
    }

    private Map<String, Object> cpc() {
        Map<String, Object> cpc = new LinkedHashMap<>();
        cpc.put("object-uri", "/api/cpcs/" + cpcId);
        cpc.put("name", CPC);
        cpc.put("status", "operating");
        cpc.put("has-unacceptable-status", false);
        cpc.put("dpm-enabled", false);
        cpc.put("se-version", "2.16.0");
        return cpc;
    }

    private void listLpars(HttpExchange exchange, String cpc, String name) throws IOException {
        if (!cpc.equals(cpcId)) {
            error(exchange, 404, 1, "Unknown resource with URI: /api/cpcs/" + cpc);
            return;
        }
        List<Map<String, Object>> found = new ArrayList<>();
        synchronized (this) {
            for (Lpar lpar : lpars.values()) {
                if (name == null || name.equals(lpar.name)) {
                    found.add(Map.of("object-uri", "/api/logical-partitions/" + lpar.id, "name", lpar.name, "status", lpar.status));
                }
            }
        }
        if (name != null && found.isEmpty()) {
            error(exchange, 404, 1, "No logical partition named " + name + " in CPC " + CPC + ".");
            return;
        }
        answer(exchange, 200, Map.of("logical-partitions", found));
    }

    private void operate(HttpExchange exchange, String id, String operation) throws IOException {
        Lpar lpar;
        synchronized (this) {
            lpar = lpars.values().stream().filter(l -> l.id.equals(id)).findFirst().orElse(null);
            if (lpar == null) {
                error(exchange, 404, 1, "Unknown resource with URI: /api/logical-partitions/" + id);
                return;
            }
            if (operation.equals("load") && lpar.status.equals("not-activated")) {
                error(exchange, 409, 0, "LPAR " + lpar.name + " could not be loaded because the LPAR is in status not-activated.");
                return;
            }
            operations.add(operation + " " + lpar.name);
        }
        String job = UUID.randomUUID().toString();
        jobs.put(job, Map.of("status", "running"));
        threads.execute(() -> {
            perform(lpar, operation);
            jobs.put(job, Map.of("status", "complete", "job-status-code", 204));
        });
        answer(exchange, 202, Map.of("job-uri", "/api/jobs/" + job));
    }

    private void perform(Lpar lpar, String operation) {
        switch (operation) {
            case "deactivate" -> {
                world.deactivate(lpar.system);
                setStatus(lpar, "not-activated");
            }
            case "activate" -> setStatus(lpar, "not-operating");
            default -> {
                world.activate(lpar.system);
                setStatus(lpar, "operating");
            }
        }
    }

    private synchronized void setStatus(Lpar lpar, String status) {
        lpar.status = status;
    }

    private static String nameFilter(String rawQuery) {
        if (rawQuery == null) {
            return null;
        }
        for (String parameter : rawQuery.split("&")) {
            if (parameter.startsWith("name=")) {
                return URLDecoder.decode(parameter.substring(5), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void error(HttpExchange exchange, int status, int reason, String message) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("http-status", status);
        body.put("reason", reason);
        body.put("message", message);
        body.put("request-method", exchange.getRequestMethod());
        body.put("request-uri", exchange.getRequestURI().toString());
        answer(exchange, status, body);
    }

    private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        // fence_ibmz reads an error body only if the content type is exactly application/json
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}

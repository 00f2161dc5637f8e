package org.basket.itests.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.SiteOverview;
import org.basket.api.cluster.Sites;
import org.basket.api.coordination.Coordination;
import org.basket.api.model.HostState;
import org.junit.Test;
import org.osgi.framework.ServiceReference;

import com.fasterxml.jackson.databind.JsonNode;

/** The REST API of the real distribution: every endpoint of its OpenAPI document, each role, bad input, logins, SSE. */
public class RestIT extends RestTestSupport {
    private static final List<String> ROLES = List.of("vera", "otto", "ada");

    /** One call of each documented endpoint, with the user whose role it needs; what it must answer. */
    private record Call(String method, String path, String query, int status) {
        String key() {
            return method + " " + path;
        }
    }

    @Test
    public void everyDocumentedEndpointAnswersItsRoleOnlyAndDoesWhatItsCommandDoes() throws Exception {
        awaitDemoRunning();
        String db = hostOf("db");
        String other = cluster.snapshot().state().hosts().keySet().stream().filter(h -> !h.equals(db)).sorted()
                .findFirst().orElseThrow();
        List<Call> calls = List.of(
                new Call("GET", "/status", "", 200), new Call("GET", "/hosts", "", 200),
                new Call("GET", "/resources", "", 200), new Call("GET", "/resources/{resource}/where", "", 200),
                new Call("GET", "/progress", "", 200), new Call("GET", "/events", "?count=5", 200),
                new Call("GET", "/history", "?limit=5", 200),
                new Call("GET", "/hosts/{host}/impact", "?fail=true", 200),
                new Call("GET", "/resources/{resource}/explanation", "", 200),
                new Call("GET", "/simulation", "?event=fail:" + db + "&event=add-vm:test:1:512", 200),
                new Call("GET", "/tolerance", "?priority=0", 200), new Call("GET", "/agents", "", 200),
                new Call("GET", "/sites", "", 200), new Call("GET", "/openapi.json", "", 200),
                new Call("POST", "/hosts/{host}/standby", "?wait=true&timeout=60", 200),
                new Call("POST", "/hosts/{host}/online", "", 200), new Call("POST", "/cancel", "", 200),
                new Call("POST", "/maintenance", "?mode=on&resource=batch", 200),
                new Call("POST", "/agents/{vm}/token", "", 200), new Call("POST", "/agents/{vm}/revoke", "", 200),
                new Call("POST", "/hosts/{host}/fence", "", 200),
                new Call("POST", "/hosts/{host}/fence-confirm", "?yes=true", 200),
                // the demo's simulated hosts cannot provision: the core's own refusals prove the way there
                new Call("POST", "/vms/{vm}", "?template=tiny", 400), new Call("POST", "/vms/{vm}/delete", "", 400));
        Map<String, String> documented = documented();
        Map<String, String> called = new TreeMap<>();
        for (Call call : calls) {
            String role = documented.get(call.key());
            assertTrue(call.key() + " is in the OpenAPI document", role != null);
            called.put(call.key(), role);
            String user = ROLES.get(List.of("viewer", "operator", "admin").indexOf(role));
            String path = "/api" + call.path.replace("{resource}", "db").replace("{vm}", call.path.startsWith("/vms") ? "web9" : "db")
                    .replace("{host}", call.path.contains("fence") ? db : other) + call.query;
            assertEquals(call.key() + " without a login", 401, send(null, call.method, path).statusCode());
            for (String below : ROLES.subList(0, ROLES.indexOf(user))) {
                HttpResponse<String> refused = send(below, call.method, path);
                assertEquals(call.key() + " as " + below + ": " + refused.body(), 403, refused.statusCode());
            }
            HttpResponse<String> answer = send(user, call.method, path);
            assertEquals(call.key() + " as " + user + ": " + answer.body(), call.status, answer.statusCode());
            assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith(call.status == 200
                    ? "application/json" : "application/problem+json"));
            check(call, json(answer), db, other);
        }
        // "GET /events/stream" is the one endpoint left: eventsStreamResumesAfterLastEventId calls it
        called.put("GET /events/stream", documented.get("GET /events/stream"));
        assertEquals(documented, called);
    }

    private void check(Call call, JsonNode answer, String db, String other) {
        switch (call.key()) {
            case "GET /status" -> assertEquals(cluster.snapshot().state().hosts().size(), answer.get("hosts").size());
            case "GET /resources/{resource}/where" -> assertEquals(db, answer.get("chain").get(1).asText());
            case "GET /history" -> assertTrue(answer.toString(), answer.get("entries").size() <= 5
                    && !answer.get("source").asText().isEmpty());
            case "GET /hosts/{host}/impact" -> assertEquals("fail", answer.get("mode").asText());
            case "GET /simulation" -> assertTrue(answer.get("changed").toString(), answer.get("changed").size() > 0);
            case "POST /hosts/{host}/standby" -> {
                assertTrue(answer.toString(), answer.get("drained").asBoolean());
                await(other + " in standby", () -> cluster.snapshot().state().hostState(other) == HostState.STANDBY);
                assertTrue(other + " runs nothing", cluster.snapshot().state().resources().values().stream()
                        .noneMatch(r -> r.activeOn().contains(other)));
            }
            case "POST /hosts/{host}/online" -> await("online again",
                    () -> cluster.snapshot().state().hostState(other) == HostState.ONLINE);
            case "POST /maintenance" -> {
                await("batch in maintenance", () -> status("batch").maintenance());
                cluster.setMaintenance(org.basket.api.cluster.ClusterService.Scope.RESOURCE, "batch", false);
            }
            case "POST /agents/{vm}/token" -> {
                assertTrue(answer.toString(), answer.get("token").asText().length() >= 20);
                assertEquals("db", answer.get("vm").asText());
                assertTrue(answer.toString(), answer.get("caCertificate").asText().startsWith("-----BEGIN CERTIFICATE-----"));
            }
            case "POST /hosts/{host}/fence" -> {
                assertEquals("sim-bmc:" + db, answer.get("confirmedBy").asText());
                await("db runs elsewhere", () -> runningOnOneHost("db") && !db.equals(hostOf("db")));
            }
            case "POST /vms/{vm}" -> assertTrue(answer.toString(), answer.get("detail").asText()
                    .matches("no template 'tiny': .*/etc/templates/tiny.xml does not exist"));
            case "GET /sites" -> {
                SiteOverview overview = bundleContext.getService(bundleContext.getServiceReference(Sites.class)).overview();
                assertEquals(overview.sites().size(), answer.get("sites").size());
                assertEquals(overview.groups().size(), answer.get("groups").size());
                ServiceReference<Coordination> coordination = bundleContext.getServiceReference(Coordination.class);
                assertEquals(answer.toString(), coordination == null ? "null"
                        : Long.toString(bundleContext.getService(coordination).role().epoch()), answer.get("epoch").toString());
            }
            case "POST /vms/{vm}/delete" -> assertEquals("unknown resource 'web9'", answer.get("detail").asText());
            default -> { }
        }
    }

    /** "GET /status" -> its x-basket-role, from the document the running API serves. */
    private Map<String, String> documented() throws Exception {
        Map<String, String> endpoints = new TreeMap<>();
        JsonNode paths = json(get("vera", "/api/openapi.json")).get("paths");
        paths.fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(op -> endpoints.put(
                op.getKey().toUpperCase(Locale.ROOT) + " " + p.getKey(), op.getValue().get("x-basket-role").asText())));
        return endpoints;
    }

    @Test
    public void badInputIsRefusedWithProblemDetailsNamingWhatAndWhere() throws Exception {
        assertProblem(get("vera", "/api/events?count=lots"), 400, "count must be a whole number from 1 to 2000, not 'lots'",
                "/api/events", "count");
        assertProblem(get("vera", "/api/hosts/node9/impact"), 404, "unknown host 'node9' (configured: node1, node2, node3)",
                "/api/hosts/node9/impact", "host");
        assertProblem(get("vera", "/api/resources/no%20such/where"), 400, "resource must be 1 to 128 letters, digits, "
                + "'.', '_', ':' or '-', beginning with a letter or digit, not 'no such'", "/api/resources/no such/where",
                "resource");
        assertProblem(get("vera", "/api/simulation"), 400, "no event: give one or more event parameters, each fail:<host>,"
                + " standby:<host>, fail-resource:<resource>, add-vm:<name>:<cpus>:<memoryMb>", "/api/simulation", "event");
        assertProblem(get("vera", "/api/simulation?event=fail:node9"), 400, "fail:node9: unknown host 'node9' (configured: "
                + "node1, node2, node3)", "/api/simulation", "event");
        assertProblem(send("otto", "POST", "/api/maintenance?mode=maybe"), 400, "mode must be on or off, not 'maybe'",
                "/api/maintenance", "mode");
        assertProblem(send("ada", "POST", "/api/hosts/node1/fence-confirm"), 400, "not confirmed: make sure node1 is off "
                + "and runs nothing, then repeat with yes=true (if it still runs a VM, that VM will run twice)",
                "/api/hosts/node1/fence-confirm", "yes");
        assertProblem(send("vera", "DELETE", "/api/status"), 405,
                "method not allowed here (GET /api/openapi.json lists the methods)", "/api/status", null);
        assertProblem(get("vera", "/api/nothing/here"), 404, "no such endpoint (GET /api/openapi.json lists them)",
                "/api/nothing/here", null);
        HttpResponse<String> body = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/cancel"))
                .header("Authorization", basic("otto")).POST(HttpRequest.BodyPublishers.ofString("x".repeat(5000)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(body, 413, "no endpoint takes a request body (parameters go in the query)", "/api/cancel", null);
        assertEquals("nothing cancelled by a refused request", List.of(), cluster.cancel());
    }

    @Test
    public void loginsAreThoseOfKarafsRealm() throws Exception {
        HttpResponse<String> none = get(null, "/api/status");
        assertProblem(none, 401, "no credentials: send HTTP Basic authentication with a user of Karaf's realm",
                "/api/status", null);
        assertEquals("Basic realm=\"Basket\", charset=\"UTF-8\"", none.headers().firstValue("WWW-Authenticate").orElse(""));
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/status"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("vera:guess".getBytes()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(wrong, 401, "wrong user name or password", "/api/status", null);
        assertProblem(get("nobody", "/api/status"), 403, "user 'nobody' has no Basket role; this needs viewer (roles: "
                + "somethingelse)", "/api/status", null);
        assertProblem(send("otto", "POST", "/api/hosts/node1/fence"), 403, "user 'otto' has role operator; this needs "
                + "admin (roles: operator)", "/api/hosts/node1/fence", null);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detail, String instance,
            String parameter) throws Exception {
        assertEquals(response.body(), status, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        JsonNode problem = json(response);
        assertEquals(status, problem.get("status").asInt());
        assertEquals(detail, problem.get("detail").asText());
        assertEquals(instance, problem.get("instance").asText());
        assertEquals(parameter, problem.has("parameter") ? problem.get("parameter").asText() : null);
    }

    @Test
    public void eventsStreamResumesAfterLastEventId() throws Exception {
        awaitDemoRunning();
        List<ClusterEvent> held = cluster.events(10);
        long resumeAfter = held.get(held.size() - 4).sequence();
        List<Long> expected = held.subList(held.size() - 3, held.size()).stream().map(ClusterEvent::sequence).toList();
        try (Stream<String> lines = stream("vera", resumeAfter)) {
            BlockingQueue<JsonNode> events = events(lines);
            List<Long> replayed = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                replayed.add(next(events).get("sequence").asLong());
            }
            assertEquals("the held events after Last-Event-ID, in order", expected, replayed);
            execute("sim:crash-vm cache");
            JsonNode live;
            do {
                live = next(events);
                assertTrue("ids increase", live.get("sequence").asLong() > replayed.get(replayed.size() - 1));
                replayed.add(live.get("sequence").asLong());
            } while (!live.get("kind").asText().equals("resource_failed"));
            assertEquals("cache", live.get("resource").asText());
        }
        await("cache runs again", () -> runningOnOneHost("cache"));
        List<Long> after = cluster.events(2000).stream().map(ClusterEvent::sequence).filter(s -> s > resumeAfter).toList();
        try (Stream<String> lines = stream("vera", resumeAfter)) {
            BlockingQueue<JsonNode> events = events(lines);
            TreeSet<Long> seen = new TreeSet<>();
            for (int i = 0; i < after.size(); i++) {
                assertTrue("each event once", seen.add(next(events).get("sequence").asLong()));
            }
            assertEquals("a reconnecting client gets every event it missed", new TreeSet<>(after), seen);
        }
    }

    private Stream<String> stream(String user, long lastEventId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/api/events/stream"))
                .header("Authorization", basic(user)).header("Accept", "text/event-stream")
                .header("Last-Event-ID", Long.toString(lastEventId)).build();
        HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        return response.body();
    }

    /** The data of each event, checked against its id line, read on a thread of its own. */
    private static BlockingQueue<JsonNode> events(Stream<String> lines) {
        BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            String[] id = {null};
            try {
                lines.forEach(line -> {
                    if (line.startsWith("id: ")) {
                        id[0] = line.substring(4);
                    } else if (line.startsWith("data: ")) {
                        try {
                            JsonNode data = JSON.readTree(line.substring(6));
                            assertEquals(id[0], data.get("sequence").asText());
                            events.add(data);
                        } catch (java.io.IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                });
            } catch (RuntimeException e) {
                // the stream was closed
            }
        }, "sse-reader");
        reader.setDaemon(true);
        reader.start();
        return events;
    }

    private static JsonNode next(BlockingQueue<JsonNode> events) throws InterruptedException {
        JsonNode event = events.poll(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS);
        assertTrue("an event within 30 s", event != null);
        return event;
    }
}

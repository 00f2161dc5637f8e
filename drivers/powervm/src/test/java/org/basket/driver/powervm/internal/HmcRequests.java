package org.basket.driver.powervm.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.w3c.dom.Element;

import com.sun.net.httpserver.HttpExchange;

/**
 * The simulated HMC's REST API: each request under /rest/api/ checked for its session, then routed to a feed, an entry,
 * a job's status or deletion, or a new job (a JobRequest to {@code .../do/OP}); anything else is a 404. Requests are
 * handled one at a time, holding the {@link HmcWorld}'s lock.
 */
final class HmcRequests {
    private final HmcWorld world;
    private final HmcSessions sessions;
    private final HmcJobs jobs;
    private final HmcFeeds feeds;
    private final HmcAnswers answers;
    private final CallCounts calls;

    HmcRequests(HmcWorld world, HmcSessions sessions, HmcJobs jobs, HmcFeeds feeds, HmcAnswers answers, CallCounts calls) {
        this.world = world;
        this.sessions = sessions;
        this.jobs = jobs;
        this.feeds = feeds;
        this.answers = answers;
        this.calls = calls;
    }

    void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            byte[] body = exchange.getRequestBody().readNBytes(1 << 20);
            if (path.equals(HmcSessions.LOGON_PATH)) {
                sessions.logon(exchange, method, body);
                return;
            }
            if (!sessions.valid(exchange.getRequestHeaders().getFirst("X-API-Session"))) {
                answers.error(exchange, 401, "Unauthorized", "Session invalid or expired; log on again.");
                return;
            }
            answers.maybeLose(exchange);
            synchronized (world) {
                route(exchange, method, path.substring(HmcFeeds.UOM_PATH.length()).split("/"), body);
            }
        } catch (RuntimeException e) {
            answers.error(exchange, 500, "Unknown internal error.", String.valueOf(e));
        }
    }

    private void route(HttpExchange exchange, String method, String[] p, byte[] body) throws IOException {
        boolean get = method.equals("GET");
        if (get && p.length == 1 && p[0].equals("ManagedSystem")) {
            answers.send(exchange, 200, HmcAnswers.ATOM, feeds.systems());
        } else if (get && p.length == 2 && p[0].equals("ManagedSystem") && world.systems.containsKey(p[1])) {
            answers.send(exchange, 200, HmcAnswers.ATOM, HmcXml.document(feeds.system(world.systems.get(p[1]))));
        } else if (get && p.length == 3 && p[0].equals("ManagedSystem") && p[2].equals("LogicalPartition")
                && world.systems.containsKey(p[1])) {
            answers.send(exchange, 200, HmcAnswers.ATOM, feeds.partitionsOf(world.systems.get(p[1]), String.join("/", p)));
        } else if (get && p.length == 1 && p[0].equals("LogicalPartition")) {
            answers.send(exchange, 200, HmcAnswers.ATOM, feeds.partitions());
        } else if (get && p.length == 2 && p[0].equals("LogicalPartition") && world.partitions.containsKey(p[1])) {
            answers.send(exchange, 200, HmcAnswers.ATOM, HmcXml.document(feeds.partition(world.partitions.get(p[1]))));
        } else if (p.length == 2 && p[0].equals("jobs") && jobs.get(p[1]) != null) {
            if (method.equals("DELETE")) {
                jobs.delete(p[1]);
                exchange.sendResponseHeaders(204, -1);
            } else {
                answers.send(exchange, 200, HmcAnswers.ATOM, HmcXml.document(feeds.job(jobs.get(p[1]))));
            }
        } else if (method.equals("PUT") && p.length == 4 && p[2].equals("do") && (p[0].equals("LogicalPartition")
                && world.partitions.containsKey(p[1]) || p[0].equals("ManagedSystem") && world.systems.containsKey(p[1]))) {
            job(exchange, p[0], p[1], p[3], body);
        } else {
            answers.error(exchange, 404, "Not found", "No resource " + exchange.getRequestURI().getPath() + " for " + method);
        }
    }

    private void job(HttpExchange exchange, String group, String uuid, String operation, byte[] body) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.contains("type=JobRequest")) {
            answers.error(exchange, 400, "Bad request", "A job needs a JobRequest (Content-Type ...; type=JobRequest)");
            return;
        }
        Element request = Xml.parse(body);
        if (!operation.equals(Xml.text(request, "OperationName")) || !group.equals(Xml.text(request, "GroupName"))) {
            answers.error(exchange, 400, "Bad request", "The JobRequest's operation " + Xml.text(request, "OperationName") + " of "
                    + Xml.text(request, "GroupName") + " does not match " + group + "/do/" + operation);
            return;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        Xml.all(request, "JobParameter").forEach(e -> parameters.put(Xml.text(e, "ParameterName"), Xml.text(e, "ParameterValue")));
        SimulatedPartition lpar = group.equals("LogicalPartition") ? world.partitions.get(uuid) : null;
        SimulatedJob job;
        try {
            job = jobs.submit(operation, group, uuid, lpar, parameters);
        } catch (HmcRefusal busy) {
            answers.error(exchange, 409, "Conflict", busy.getMessage());
            return;
        }
        calls.count(operation);
        answers.send(exchange, 200, HmcAnswers.ATOM, HmcXml.document(feeds.job(job)));
    }
}

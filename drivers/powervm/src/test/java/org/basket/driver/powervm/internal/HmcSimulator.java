package org.basket.driver.powervm.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.w3c.dom.Element;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A simulated IBM HMC REST API on 127.0.0.1 over HTTPS (a certificate for 127.0.0.1 made once per JVM by the JDK's keytool), for
 * tests only. It follows the request and response formats of IBM's HMC REST API as recorded in pypowervm's test data
 * and used by pypowervm's adapter and tasks (github.com/powervm/pypowervm: const.py, adapter.py, wrappers/job.py,
 * tasks/power.py, tasks/power_opts.py, tasks/migration.py):
 * <ul>
 * <li>{@code PUT /rest/api/web/Logon} with a LogonRequest (UserID, Password) answers a LogonResponse with the
 * X-API-Session token (wrong credentials: 401); {@code DELETE} of it logs off; a request with an unknown or expired
 * token is answered 401 with an HttpErrorResponse;</li>
 * <li>{@code GET /rest/api/uom/ManagedSystem[/uuid]}, {@code .../ManagedSystem/uuid/LogicalPartition},
 * {@code /rest/api/uom/LogicalPartition[/uuid]}: Atom feeds and entries (application/atom+xml) with ManagedSystem
 * (SystemName, State, memory and processor units) and LogicalPartition (PartitionName, PartitionUUID, PartitionState,
 * CurrentMemory, CurrentProcessingUnits, SimplifiedRemoteRestartCapable, AssociatedManagedSystem) content;</li>
 * <li>jobs: {@code PUT .../LogicalPartition/uuid/do/OP} (PowerOn, PowerOff with operation/immediate, MigrateValidate,
 * Migrate and MigrateRecover with TargetManagedSystemName, RemoteRestart with Operation restart and
 * targetManagedSystemUUID or targetManagedSystem, after IBM's LogicalPartition_RemoteRestart job page) and {@code .../ManagedSystem/uuid/do/OP}
 * (PowerOff, PowerOn) with a JobRequest answer a JobResponse with its JobID; {@code GET /rest/api/uom/jobs/ID} shows
 * Status NOT_STARTED, RUNNING, COMPLETED_OK or COMPLETED_WITH_ERROR, Progress (CompletedTasks, LinearProgress in
 * percent) and Results (returnCode, result with an HSCL message); {@code DELETE} removes it;</li>
 * <li>a job on a partition that another job is busy with is refused with HTTP 409 and an HttpErrorResponse (an
 * immediate PowerOff supersedes it).</li>
 * </ul>
 * Limits: no job templates ({@code GET .../do/OP}), no X-API-Session files, no ETags, no event feed, no profiles,
 * storage or network; of RemoteRestart's operations only restart is carried out; the order of states in a job is
 * the simulator's. Faults: {@link #systemState}, {@link #failNext}, {@link #busy}, {@link #expireSessions},
 * {@link #ignoreShutdown}.
 */
public final class HmcSimulator implements AutoCloseable {
    private static final String P = "/rest/api/uom/";

    /** A managed system: memory in MB, processor units in hundredths. */
    static final class Sys {
        final String uuid = UUID.randomUUID().toString();
        final String name;
        volatile String state = "operating";
        final long memoryMb = 65_536;
        final int procHundredths = 1600;

        Sys(String name) {
            this.name = name;
        }
    }

    static final class Lpar {
        final String uuid = UUID.randomUUID().toString().toUpperCase();
        final String name;
        final int id;
        volatile Sys system;
        volatile String state = "not activated";
        volatile boolean srrCapable = true;
        volatile boolean ignoresShutdown;
        volatile Job job;

        Lpar(String name, int id, Sys system) {
            this.name = name;
            this.id = id;
            this.system = system;
        }
    }

    static final class Job {
        final String id;
        final String operation;
        final String group;
        final String target;
        final Map<String, String> parameters;
        volatile String status = "NOT_STARTED";
        volatile int progress;
        final List<String> tasks = new ArrayList<>();
        final Map<String, String> results = new LinkedHashMap<>();
        final long started = System.currentTimeMillis();
        volatile long completed;

        Job(String id, String operation, String group, String target, Map<String, String> parameters) {
            this.id = id;
            this.operation = operation;
            this.group = group;
            this.target = target;
            this.parameters = parameters;
        }

        boolean running() {
            return status.equals("NOT_STARTED") || status.equals("RUNNING");
        }
    }

    /** A job's end with an HMC error. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private final HttpsServer server;
    private final ExecutorService handlers = Executors.newFixedThreadPool(4);
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    private static Path sharedKeys;
    private final Path keys;
    private final String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
    private final Map<String, Sys> systems = new LinkedHashMap<>();
    private final Map<String, Lpar> lpars = new LinkedHashMap<>();
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final Set<String> losing = ConcurrentHashMap.newKeySet();
    private final Set<HttpExchange> unanswered = ConcurrentHashMap.newKeySet();
    private final AtomicLong jobIds = new AtomicLong(1_764_806_400_000L);
    private final long stepMs;
    private final int migrationSteps;

    private HmcSimulator(int systemCount, int lparsPerSystem, long stepMs, int migrationSteps) throws IOException {
        this.stepMs = stepMs;
        this.migrationSteps = migrationSteps;
        int id = 1;
        for (int s = 0; s < systemCount; s++) {
            Sys system = new Sys("Server-9080-M9S-SN78" + (1000 + s));
            systems.put(system.uuid, system);
            for (int l = 0; l < lparsPerSystem; l++) {
                Lpar lpar = new Lpar("lpar" + s + "-" + l, id++, system);
                lpar.state = "running";
                lpars.put(lpar.uuid, lpar);
            }
        }
        keys = keyMaterial();
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keys.resolve("hmc.p12"))) {
                store.load(in, "simulator".toCharArray());
            }
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(store, "simulator".toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keyManagers.getKeyManagers(), null, null);
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("simulated HMC: TLS setup failed: " + e.getMessage(), e);
        }
        server.setExecutor(handlers);
        server.createContext("/rest/api/", this::handle);
        server.start();
    }

    /** Systems with partitions running on each, jobs taking two steps of 50 ms, a migration ten. */
    public static HmcSimulator start(int systemCount, int lparsPerSystem) throws IOException {
        return new HmcSimulator(systemCount, lparsPerSystem, 50, 10);
    }

    public static HmcSimulator start(int systemCount, int lparsPerSystem, long stepMs, int migrationSteps) throws IOException {
        return new HmcSimulator(systemCount, lparsPerSystem, stepMs, migrationSteps);
    }

    /** The driver keys for this HMC: url, username, password, truststore, fast job polling. */
    public Map<String, String> endpointKeys() {
        return Map.of("url", url(), "username", "hscroot", "password", password, "truststore", truststore().toString(),
                "truststore.password", "truststore", "job.poll.ms", "20", "call.timeout.ms", "5000");
    }

    public String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    public Path truststore() {
        return keys.resolve("truststore.p12");
    }

    public synchronized List<String> systemNames() {
        return systems.values().stream().map(s -> s.name).toList();
    }

    // ---- faults and observation ----

    /** Sets a managed system's state as the HMC sees it: "error", "no connection", "operating", ... */
    public synchronized void systemState(String system, String state) {
        sys(system).state = state;
    }

    public synchronized String systemState(String system) {
        return sys(system).state;
    }

    /** The partition's state and its system's name, "running@Server-...". */
    public synchronized String where(String lpar) {
        Lpar l = lpar(lpar);
        return l.state + "@" + l.system.name;
    }

    /** Sets a partition's state directly, as a test's starting point: "not activated", "running", ... */
    public synchronized void partitionState(String lpar, String state) {
        lpar(lpar).state = state;
    }

    /** The next job of this operation ends COMPLETED_WITH_ERROR with this HSCL message (a Migrate half-way). */
    public void failNext(String operation, String message) {
        failures.put(operation, message);
    }

    /** Another client's job keeps the partition busy until {@link #release}. */
    public synchronized void busy(String lpar) {
        Lpar l = lpar(lpar);
        Job job = new Job(Long.toString(jobIds.incrementAndGet()), "ChangeProfile", "LogicalPartition", l.uuid, Map.of());
        job.status = "RUNNING";
        jobs.put(job.id, job);
        l.job = job;
    }

    public synchronized void release(String lpar) {
        Lpar l = lpar(lpar);
        if (l.job != null) {
            l.job.status = "COMPLETED_OK";
            l.job = null;
        }
    }

    /**
     * The next request with this method (GET, PUT) is carried out but its answer is lost: the connection closes
     * before a response, as when the network fails after the HMC acted.
     */
    public void loseNextAnswer(String method) {
        losing.add(method);
    }

    /** Every session expires: the next request of each client is answered 401. */
    public void expireSessions() {
        sessions.clear();
    }

    /** The partition's OS does not shut down on an osshutdown request. */
    public synchronized void ignoreShutdown(String lpar) {
        lpar(lpar).ignoresShutdown = true;
    }

    public synchronized void remoteRestartCapable(String lpar, boolean capable) {
        lpar(lpar).srrCapable = capable;
    }

    /** How many requests of a kind the HMC answered: "Logon", "PowerOn", "Migrate", "RemoteRestart", ... */
    public long calls(String kind) {
        return calls.getOrDefault(kind, new AtomicLong()).get();
    }

    @Override
    public void close() throws IOException {
        server.stop(0);
        handlers.shutdownNow();
        clock.shutdownNow();
    }

    /**
     * The simulator's key pair and certificate for 127.0.0.1 and a truststore holding it, made once per JVM by the JDK's
     * keytool in a temporary folder that is deleted when the JVM ends.
     */
    private static synchronized Path keyMaterial() throws IOException {
        if (sharedKeys == null) {
            Path folder = Files.createTempDirectory("hmc-sim");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (var files = Files.list(folder)) {
                    for (Path file : files.toList()) {
                        Files.deleteIfExists(file);
                    }
                    Files.deleteIfExists(folder);
                } catch (IOException e) {
                    // a temporary folder left behind
                }
            }));
            keytool("-genkeypair", "-alias", "hmc", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                    "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-keystore", folder.resolve("hmc.p12").toString(),
                    "-storetype", "PKCS12", "-storepass", "simulator", "-keypass", "simulator");
            keytool("-exportcert", "-alias", "hmc", "-keystore", folder.resolve("hmc.p12").toString(), "-storepass", "simulator",
                    "-file", folder.resolve("hmc.crt").toString());
            keytool("-importcert", "-noprompt", "-alias", "hmc", "-file", folder.resolve("hmc.crt").toString(), "-keystore",
                    folder.resolve("truststore.p12").toString(), "-storetype", "PKCS12", "-storepass", "truststore");
            sharedKeys = folder;
        }
        return sharedKeys;
    }

    // ---- HTTP ----

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            byte[] body = exchange.getRequestBody().readNBytes(1 << 20);
            if (path.equals("/rest/api/web/Logon")) {
                logon(exchange, method, body);
                return;
            }
            String token = exchange.getRequestHeaders().getFirst("X-API-Session");
            if (token == null || !sessions.contains(token)) {
                error(exchange, 401, "Unauthorized", "Session invalid or expired; log on again.");
                return;
            }
            if (losing.remove(method)) {
                unanswered.add(exchange);
            }
            synchronized (this) {
                route(exchange, method, path.substring(P.length()).split("/"), body);
            }
        } catch (RuntimeException e) {
            error(exchange, 500, "Unknown internal error.", String.valueOf(e));
        }
    }

    private void logon(HttpExchange exchange, String method, byte[] body) throws IOException {
        count("Logon" + (method.equals("DELETE") ? "Off" : ""));
        if (method.equals("DELETE")) {
            sessions.remove(exchange.getRequestHeaders().getFirst("X-API-Session"));
            exchange.sendResponseHeaders(204, -1);
            return;
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (!method.equals("PUT") || type == null || !type.contains("type=LogonRequest")) {
            error(exchange, 400, "Bad request", "Logon needs a PUT of a LogonRequest");
            return;
        }
        Element request = Xml.parse(body);
        if (!"hscroot".equals(Xml.text(request, "UserID")) || !password.equals(Xml.text(request, "Password"))) {
            error(exchange, 401, "Unauthorized", "The user ID or password is not valid.");
            return;
        }
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
        sessions.add(token);
        send(exchange, 200, "application/vnd.ibm.powervm.web+xml; type=LogonResponse", HmcXml.logonResponse(token));
    }

    private void route(HttpExchange exchange, String method, String[] p, byte[] body) throws IOException {
        String atom = "application/atom+xml";
        if (method.equals("GET") && p.length == 1 && p[0].equals("ManagedSystem")) {
            send(exchange, 200, atom, HmcXml.feed(url(), P + "ManagedSystem", systems.values().stream().map(this::systemEntry).toList()));
        } else if (method.equals("GET") && p.length == 2 && p[0].equals("ManagedSystem") && systems.containsKey(p[1])) {
            send(exchange, 200, atom, HmcXml.document(systemEntry(systems.get(p[1]))));
        } else if (method.equals("GET") && p.length == 3 && p[0].equals("ManagedSystem") && p[2].equals("LogicalPartition")
                && systems.containsKey(p[1])) {
            send(exchange, 200, atom, HmcXml.feed(url(), P + String.join("/", p), lpars.values().stream()
                    .filter(l -> l.system.uuid.equals(p[1])).map(this::lparEntry).toList()));
        } else if (method.equals("GET") && p.length == 1 && p[0].equals("LogicalPartition")) {
            send(exchange, 200, atom, HmcXml.feed(url(), P + "LogicalPartition", lpars.values().stream().map(this::lparEntry).toList()));
        } else if (method.equals("GET") && p.length == 2 && p[0].equals("LogicalPartition") && lpars.containsKey(p[1])) {
            send(exchange, 200, atom, HmcXml.document(lparEntry(lpars.get(p[1]))));
        } else if (p.length == 2 && p[0].equals("jobs") && jobs.containsKey(p[1])) {
            if (method.equals("DELETE")) {
                jobs.remove(p[1]);
                exchange.sendResponseHeaders(204, -1);
            } else {
                send(exchange, 200, atom, HmcXml.document(jobEntry(jobs.get(p[1]))));
            }
        } else if (method.equals("PUT") && p.length == 4 && p[2].equals("do")
                && (p[0].equals("LogicalPartition") && lpars.containsKey(p[1]) || p[0].equals("ManagedSystem") && systems.containsKey(p[1]))) {
            job(exchange, p[0], p[1], p[3], body);
        } else {
            error(exchange, 404, "Not found", "No resource " + exchange.getRequestURI().getPath() + " for " + method);
        }
    }

    private void job(HttpExchange exchange, String group, String uuid, String operation, byte[] body) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.contains("type=JobRequest")) {
            error(exchange, 400, "Bad request", "A job needs a JobRequest (Content-Type ...; type=JobRequest)");
            return;
        }
        Element request = Xml.parse(body);
        if (!operation.equals(Xml.text(request, "OperationName")) || !group.equals(Xml.text(request, "GroupName"))) {
            error(exchange, 400, "Bad request", "The JobRequest's operation " + Xml.text(request, "OperationName") + " of "
                    + Xml.text(request, "GroupName") + " does not match " + group + "/do/" + operation);
            return;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        Xml.all(request, "JobParameter").forEach(e -> parameters.put(Xml.text(e, "ParameterName"), Xml.text(e, "ParameterValue")));
        Lpar lpar = group.equals("LogicalPartition") ? lpars.get(uuid) : null;
        boolean supersedes = operation.equals("PowerOff") && "true".equals(parameters.get("immediate"));
        if (lpar != null && lpar.job != null && lpar.job.running() && !supersedes) {
            error(exchange, 409, "Conflict", "HSCL3205 The partition " + lpar.name + " is busy with job " + lpar.job.id + " ("
                    + lpar.job.operation + "). Retry the operation when it has completed.");
            return;
        }
        count(operation);
        Job job = new Job(Long.toString(jobIds.incrementAndGet()), operation, group, uuid, parameters);
        jobs.put(job.id, job);
        if (lpar != null) {
            if (lpar.job != null && lpar.job.running()) {
                end(lpar.job, "HSCL1410 The operation was superseded by an immediate power off.");
            }
            lpar.job = job;
        }
        int steps = operation.equals("Migrate") ? migrationSteps : 2;
        clock.schedule(() -> step(job, lpar, 1, steps), stepMs, TimeUnit.MILLISECONDS);
        send(exchange, 200, "application/atom+xml", HmcXml.document(jobEntry(job)));
    }

    private synchronized void step(Job job, Lpar lpar, int step, int steps) {
        if (!job.running()) {
            return;
        }
        job.status = "RUNNING";
        job.progress = step * 100 / (steps + 1);
        job.tasks.add(step == 1 ? "Started" : job.operation + " step " + step + " of " + steps);
        try {
            if (job.operation.equals("Migrate") && step == 1) {
                precheckMigration(job, lpar);
            }
            String failure = failures.get(job.operation);
            if (failure != null && step >= (steps + 1) / 2) {
                failures.remove(job.operation);
                throw new Refused(failure);
            }
            if (step < steps) {
                clock.schedule(() -> step(job, lpar, step + 1, steps), stepMs, TimeUnit.MILLISECONDS);
                return;
            }
            if (job.operation.equals("PowerOff") && lpar != null && lpar.ignoresShutdown
                    && "osshutdown".equals(job.parameters.get("operation"))) {
                job.tasks.add("Waiting for the operating system to shut down");
                return;
            }
            complete(job, lpar);
            job.progress = 100;
            job.status = "COMPLETED_OK";
            job.tasks.add("Complete");
            job.results.put("returnCode", "0");
            job.completed = System.currentTimeMillis();
            if (lpar != null) {
                lpar.job = null;
            }
        } catch (Refused e) {
            end(job, e.getMessage());
            if (lpar != null) {
                lpar.job = null;
            }
        }
    }

    private void end(Job job, String message) {
        job.status = "COMPLETED_WITH_ERROR";
        job.tasks.add("Completed with error");
        job.results.put("returnCode", "1");
        job.results.put("result", message);
        job.completed = System.currentTimeMillis();
    }

    private void precheckMigration(Job job, Lpar lpar) {
        if (lpar.state.equals("running")) {
            lpar.state = "migrating running";
        }
    }

    private void complete(Job job, Lpar lpar) throws Refused {
        if (lpar == null) {
            completeSystem(job, systems.get(job.target));
            return;
        }
        String bad = "HSCL05DF The partition is not in a state under which this operation can be performed. Check the state of the partition.";
        switch (job.operation) {
            case "PowerOn" -> {
                requireOperating(lpar.system);
                if (!lpar.state.equals("not activated")) {
                    throw new Refused(bad);
                }
                if (free(lpar.system) < 2048) {
                    throw new Refused("HSCL1552 There is not enough memory available on " + lpar.system.name + " to activate " + lpar.name);
                }
                lpar.state = "running";
            }
            case "PowerOff" -> {
                requireOperating(lpar.system);
                if (!lpar.state.equals("running") && !lpar.state.equals("shutting down")) {
                    throw new Refused(bad);
                }
                lpar.state = "not activated";
            }
            case "MigrateValidate" -> {
                Sys target = target(job);
                requireOperating(lpar.system);
                requireOperating(target);
                if (!lpar.state.equals("running") || target == lpar.system) {
                    throw new Refused("HSCLA27C The partition " + lpar.name + " cannot be migrated to " + target.name
                            + ": it is " + lpar.state + " on " + lpar.system.name);
                }
                if (free(target) < 2048) {
                    throw new Refused("HSCLA319 The destination managed system " + target.name + " does not have enough memory");
                }
            }
            case "Migrate" -> {
                Sys target = target(job);
                if (lpar.state.equals("not activated")) {
                    requireOperating(lpar.system);
                } else if (!lpar.state.equals("migrating running")) {
                    throw new Refused(bad);
                }
                requireOperating(target);
                lpar.system = target;
                lpar.state = lpar.state.equals("not activated") ? "not activated" : "running";
            }
            case "MigrateRecover" -> {
                if (lpar.state.startsWith("migrating")) {
                    lpar.state = "running";
                }
            }
            case "RemoteRestart" -> {
                if (!"restart".equals(job.parameters.get("Operation"))) {
                    throw new Refused("HSCL0002 RemoteRestart needs the parameter Operation (validate, recover, restart,"
                            + " cleanup or cancel); the simulator carries out restart only");
                }
                Sys target = systems.values().stream()
                        .filter(s -> s.uuid.equals(job.parameters.get("targetManagedSystemUUID"))
                                || s.name.equals(job.parameters.get("targetManagedSystem")))
                        .findFirst().orElseThrow(() -> new Refused("HSCL0016 RemoteRestart: no managed system with the"
                                + " targetManagedSystemUUID or targetManagedSystem given"));
                requireOperating(target);
                if (!lpar.srrCapable) {
                    throw new Refused("HSCLB901 The partition " + lpar.name + " is not simplified remote restart capable.");
                }
                if (!lpar.system.state.equals("power off") && !lpar.system.state.equals("error")) {
                    throw new Refused("HSCLB940 The source managed system " + lpar.system.name + " is in state " + lpar.system.state
                            + "; remote restart needs it powered off or in error.");
                }
                lpar.system = target;
                lpar.state = "running";
            }
            default -> throw new Refused("HSCL0001 Operation " + job.operation + " is not supported by the simulator");
        }
    }

    private void completeSystem(Job job, Sys system) throws Refused {
        switch (job.operation) {
            case "PowerOff" -> {
                if (system.state.equals("no connection")) {
                    throw new Refused("HSCL0237 The HMC has no connection to " + system.name);
                }
                system.state = "power off";
                lpars.values().stream().filter(l -> l.system == system).forEach(l -> l.state = "not activated");
            }
            case "PowerOn" -> {
                if (!system.state.equals("power off")) {
                    throw new Refused("HSCL0238 " + system.name + " is not powered off");
                }
                system.state = "operating";
            }
            default -> throw new Refused("HSCL0001 Operation " + job.operation + " of a ManagedSystem is not supported by the simulator");
        }
    }

    private void requireOperating(Sys system) throws Refused {
        if (!system.state.equals("operating")) {
            throw new Refused("HSCL0237 The managed system " + system.name + " is in state " + system.state + ".");
        }
    }

    private Sys target(Job job) throws Refused {
        String name = job.parameters.getOrDefault("TargetManagedSystemName", "");
        return systems.values().stream().filter(s -> s.name.equals(name)).findFirst()
                .orElseThrow(() -> new Refused("HSCL0016 The managed system " + name + " was not found."));
    }

    private long free(Sys system) {
        return system.memoryMb - lpars.values().stream().filter(l -> l.system == system && !l.state.equals("not activated"))
                .count() * 2048;
    }

    private String systemEntry(Sys s) {
        long running = lpars.values().stream().filter(l -> l.system == s && !l.state.equals("not activated")).count();
        String body = "    <AssociatedSystemMemoryConfiguration kb=\"CUD\" kxe=\"false\" schemaVersion=\"V1_0\">\n"
                + HmcXml.element("ConfigurableSystemMemory", s.memoryMb) + HmcXml.element("CurrentAvailableSystemMemory", free(s))
                + HmcXml.element("InstalledSystemMemory", s.memoryMb) + "    </AssociatedSystemMemoryConfiguration>\n"
                + "    <AssociatedSystemProcessorConfiguration kb=\"CUD\" kxe=\"false\" schemaVersion=\"V1_0\">\n"
                + HmcXml.element("ConfigurableSystemProcessorUnits", s.procHundredths / 100.0)
                + HmcXml.element("CurrentAvailableSystemProcessorUnits", (s.procHundredths - running * 50) / 100.0)
                + HmcXml.element("InstalledSystemProcessorUnits", s.procHundredths / 100.0)
                + "    </AssociatedSystemProcessorConfiguration>\n"
                + HmcXml.element("State", s.state) + HmcXml.element("SystemName", s.name);
        return HmcXml.entry(url(), P + "ManagedSystem/" + s.uuid, s.uuid, "ManagedSystem", "uom",
                HmcXml.root("ManagedSystem", HmcXml.UOM, s.uuid, body));
    }

    private String lparEntry(Lpar l) {
        String body = HmcXml.element("PartitionID", l.id)
                + "    <PartitionMemoryConfiguration kb=\"CUD\" kxe=\"false\" schemaVersion=\"V1_0\">\n"
                + HmcXml.element("CurrentMemory", l.state.equals("not activated") ? 0 : 2048) + HmcXml.element("DesiredMemory", 2048)
                + "    </PartitionMemoryConfiguration>\n" + HmcXml.element("PartitionName", l.name)
                + HmcXml.element("CurrentProcessingUnits", 0.5) + HmcXml.element("PartitionState", l.state)
                + HmcXml.element("PartitionType", "AIX/Linux") + HmcXml.element("PartitionUUID", l.uuid)
                + "    <AssociatedManagedSystem kb=\"CUD\" kxe=\"false\" href=\"" + url() + P + "ManagedSystem/" + l.system.uuid
                + "\" rel=\"related\"/>\n" + HmcXml.element("RemoteRestartCapable", false)
                + HmcXml.element("SimplifiedRemoteRestartCapable", l.srrCapable);
        return HmcXml.entry(url(), P + "LogicalPartition/" + l.uuid, l.uuid, "LogicalPartition", "uom",
                HmcXml.root("LogicalPartition", HmcXml.UOM, l.uuid, body));
    }

    private String jobEntry(Job j) {
        StringBuilder tasks = new StringBuilder("        <CompletedTasks kb=\"ROR\" kxe=\"false\" schemaVersion=\"V1_0\">\n");
        synchronized (this) {
            j.tasks.forEach(t -> tasks.append("            <NLSMessage schemaVersion=\"V1_0\">\n").append(HmcXml.element("UntranslatedMessage", t))
                    .append(HmcXml.element("MessageKey", t.toUpperCase())).append("            </NLSMessage>\n"));
        }
        tasks.append("        </CompletedTasks>\n");
        String body = "    <RequestURL kb=\"ROR\" kxe=\"false\" href=\"" + j.group + "/" + j.target + "/do/" + j.operation
                + "\" rel=\"via\" title=\"The URL to which the JobRequest was submitted.\"/>\n" + HmcXml.element("TargetUuid", j.target)
                + HmcXml.element("JobID", j.id) + HmcXml.element("TimeStarted", j.started) + HmcXml.element("TimeCompleted", j.completed)
                + HmcXml.element("Status", j.status)
                + "    <JobRequestInstance kb=\"ROR\" kxe=\"false\" schemaVersion=\"V1_0\">\n"
                + "    <RequestedOperation kb=\"CUR\" kxe=\"false\" schemaVersion=\"V1_0\">\n" + HmcXml.element("OperationName", j.operation)
                + HmcXml.element("GroupName", j.group) + "    </RequestedOperation>\n" + HmcXml.jobParameters("JobParameters", j.parameters)
                + "    </JobRequestInstance>\n    <Progress kb=\"ROO\" kxe=\"false\" schemaVersion=\"V1_0\">\n" + tasks
                + HmcXml.element("LinearProgress", j.progress) + "    </Progress>\n" + HmcXml.jobParameters("Results", j.results);
        return HmcXml.entry(url(), P + "jobs/" + j.id, UUID.nameUUIDFromBytes(j.id.getBytes()).toString(), "JobResponse", "web",
                HmcXml.root("JobResponse", HmcXml.WEB, null, body));
    }

    private void error(HttpExchange exchange, int status, String reason, String message) throws IOException {
        send(exchange, status, "application/atom+xml", HmcXml.httpError(url(), status, exchange.getRequestURI().getPath(), reason, message));
    }

    private void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        if (unanswered.remove(exchange)) {
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void count(String kind) {
        calls.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    private Sys sys(String name) {
        return systems.values().stream().filter(s -> s.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no managed system " + name));
    }

    private Lpar lpar(String name) {
        return lpars.values().stream().filter(l -> l.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no partition " + name));
    }

    private static void keytool(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException("keytool " + arguments[0] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("keytool interrupted");
        }
    }
}

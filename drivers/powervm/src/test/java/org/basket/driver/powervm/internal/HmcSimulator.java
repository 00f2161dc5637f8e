package org.basket.driver.powervm.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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
 * <p>
 * Its parts: {@link HmcWorld} (systems and partitions; the one lock), {@link HmcSessions} (logon), {@link HmcRequests}
 * (routing), {@link HmcFeeds} (Atom entries), {@link HmcJobs} and {@link JobEffects} (jobs and what they do),
 * {@link HmcAnswers} (answers, lost ones too), {@link HmcKeys} (TLS).
 */
public final class HmcSimulator implements AutoCloseable {
    private final HttpsServer server;
    private final ExecutorService handlers = Executors.newFixedThreadPool(4);
    private final HmcWorld world;
    private final HmcJobs jobs;
    private final HmcSessions sessions;
    private final HmcAnswers answers;
    private final CallCounts calls = new CallCounts();

    private HmcSimulator(int systemCount, int lparsPerSystem, long stepMs, int migrationSteps) throws IOException {
        world = new HmcWorld(systemCount, lparsPerSystem);
        jobs = new HmcJobs(world, stepMs, migrationSteps);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setHttpsConfigurator(new HttpsConfigurator(HmcKeys.serverContext()));
        answers = new HmcAnswers(url());
        sessions = new HmcSessions(answers, calls);
        HmcRequests requests = new HmcRequests(world, sessions, jobs, new HmcFeeds(url(), world), answers, calls);
        server.setExecutor(handlers);
        server.createContext("/rest/api/", requests::handle);
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
        return Map.of("url", url(), "username", HmcSessions.USER, "password", sessions.password, "truststore",
                truststore().toString(), "truststore.password", "truststore", "job.poll.ms", "20", "call.timeout.ms", "5000");
    }

    public String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    public Path truststore() {
        try {
            return HmcKeys.truststore();
        } catch (IOException e) {
            throw new IllegalStateException("made when the simulator started", e);
        }
    }

    public List<String> systemNames() {
        synchronized (world) {
            return world.systems.values().stream().map(s -> s.name).toList();
        }
    }

    // ---- faults and observation ----

    /** Sets a managed system's state as the HMC sees it: "error", "no connection", "operating", ... */
    public void systemState(String system, String state) {
        synchronized (world) {
            world.system(system).state = state;
        }
    }

    public String systemState(String system) {
        synchronized (world) {
            return world.system(system).state;
        }
    }

    /** The partition's state and its system's name, "running@Server-...". */
    public String where(String lpar) {
        synchronized (world) {
            SimulatedPartition l = world.partition(lpar);
            return l.state + "@" + l.system.name;
        }
    }

    /** Sets a partition's state directly, as a test's starting point: "not activated", "running", ... */
    public void partitionState(String lpar, String state) {
        synchronized (world) {
            world.partition(lpar).state = state;
        }
    }

    /** The next job of this operation ends COMPLETED_WITH_ERROR with this HSCL message (a Migrate half-way). */
    public void failNext(String operation, String message) {
        jobs.failNext(operation, message);
    }

    /** Another client's job keeps the partition busy until {@link #release}. */
    public void busy(String lpar) {
        synchronized (world) {
            jobs.busy(world.partition(lpar));
        }
    }

    public void release(String lpar) {
        synchronized (world) {
            jobs.release(world.partition(lpar));
        }
    }

    /**
     * The next request with this method (GET, PUT) is carried out but its answer is lost: the connection closes
     * before a response, as when the network fails after the HMC acted.
     */
    public void loseNextAnswer(String method) {
        answers.loseNext(method);
    }

    /** Every session expires: the next request of each client is answered 401. */
    public void expireSessions() {
        sessions.expireAll();
    }

    /** The partition's OS does not shut down on an osshutdown request. */
    public void ignoreShutdown(String lpar) {
        synchronized (world) {
            world.partition(lpar).ignoresShutdown = true;
        }
    }

    public void remoteRestartCapable(String lpar, boolean capable) {
        synchronized (world) {
            world.partition(lpar).srrCapable = capable;
        }
    }

    /** How many requests of a kind the HMC answered: "Logon", "PowerOn", "Migrate", "RemoteRestart", ... */
    public long calls(String kind) {
        return calls.of(kind);
    }

    /** What the command line and remote restarts did to partitions, in order: "lpar1-0 Not Activated by chsysstate -o shutdown". */
    public List<String> history() {
        synchronized (world) {
            return List.copyOf(world.history);
        }
    }

    /** A real OpenSSH server on 127.0.0.1 whose login shell is this HMC's command line ({@link HmcCli}). */
    public HmcSsh startSsh(Path directory) throws Exception {
        return HmcSsh.start(new HmcCli(world), directory);
    }

    @Override
    public void close() throws IOException {
        server.stop(0);
        handlers.shutdownNow();
        jobs.close();
    }
}

package org.basket.agent.runtime;

import static org.basket.agent.runtime.TestAgents.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.basket.api.monitor.ServiceDefinition;
import org.basket.api.monitor.ServiceHealth;
import org.basket.channel.protocol.CommandResult;
import org.basket.channel.protocol.CommandVerb;

/**
 * Measures (not asserted) an idle agent: runs the built agent distribution as a real process enrolled with
 * this JVM playing the manager, gives it 10 real services (process, tcp, http, nagios, ocf) checked every
 * 5 s, waits until all are OK, lets it settle, then reads the JVM's memory and CPU time from /proc.
 * Arguments: the unpacked distribution, the settle time and the measuring time in seconds.
 * The agent's JVM options come from bin/basket-agent, or BASKET_AGENT_JAVA_OPTS in this JVM's environment.
 */
public final class FootprintBenchmark {
    private static final long INTERVAL_MS = 5_000;
    private static final String AGENT = "footprint";

    public static void main(String[] args) throws Exception {
        Path distribution = Path.of(args[0]);
        int settleSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int measureSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        Path dir = Files.createTempDirectory("basket-footprint");
        int webPort = TestAgents.freePort();
        int filesPort = TestAgents.freePort();
        List<Process> services = List.of(httpServer(webPort, dir.resolve("www")), httpServer(filesPort, dir.resolve("files")));
        Process agent = null;
        try (ManagerPeer manager = new ManagerPeer(dir.resolve("manager"))) {
            Path enrolFile = manager.enrolmentFile(dir.resolve("etc"), AGENT);
            ProcessBuilder builder = new ProcessBuilder(distribution.resolve("bin/basket-agent").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("agent.out").toFile());
            builder.environment().put("BASKET_ENROL_CONFIG", enrolFile.toString());
            builder.environment().put("BASKET_AGENT_STATE", dir.resolve("state").toString());
            long launched = System.nanoTime();
            agent = builder.start();
            DetectionBenchmark.waitUntil(() -> manager.connected.contains(AGENT), Duration.ofSeconds(120));
            long jvm = agent.pid();
            System.out.printf("agent JVM pid %d enrolled and connected %.1f s after launch: %s%n", jvm,
                    (System.nanoTime() - launched) / 1e9, commandLine(jvm));

            List<ServiceDefinition> definitions = definitions(dir, webPort, filesPort);
            require(manager.define(AGENT, definitions));
            for (String toStart : List.of("sleeper", "dummy1", "dummy2")) {
                require(manager.command(AGENT, CommandVerb.START, toStart));
            }
            DetectionBenchmark.waitUntil(() -> definitions.stream().allMatch(d -> isOk(manager, d.name())), Duration.ofSeconds(60));
            System.out.println("10 services OK; settling " + settleSeconds + " s");
            Thread.sleep(settleSeconds * 1000L);

            long ticks = Long.parseLong(run("getconf", "CLK_TCK"));
            long cpuBefore = cpuTicks(jvm);
            int resultsBefore = manager.results.size();
            long started = System.nanoTime();
            Thread.sleep(measureSeconds * 1000L);
            long cpuAfter = cpuTicks(jvm);
            double wallSeconds = (System.nanoTime() - started) / 1e9;
            double cpuSeconds = (cpuAfter - cpuBefore) / (double) ticks;
            System.out.printf("results received while measuring: %d (%d services every %d s)%n",
                    manager.results.size() - resultsBefore, definitions.size(), INTERVAL_MS / 1000);
            System.out.printf("CPU: %.2f s in %.0f s = %.2f %% of one core%n", cpuSeconds, wallSeconds, 100 * cpuSeconds / wallSeconds);
            Map<String, String> status = procStatus(jvm);
            System.out.println("VmRSS " + status.get("VmRSS") + ", VmHWM " + status.get("VmHWM") + ", threads " + status.get("Threads"));
            pss(jvm).ifPresent(pss -> System.out.println("Pss " + pss));
            if (commandLine(jvm).contains("NativeMemoryTracking")) {
                run("jcmd", Long.toString(jvm), "VM.native_memory", "summary", "scale=MB").lines()
                        .filter(line -> line.contains("committed=") && !line.contains("(mmap") && !line.contains("(malloc"))
                        .forEach(line -> System.out.println("NMT " + line.strip()));
            }
            for (String toStop : List.of("sleeper", "dummy1", "dummy2")) {
                manager.command(AGENT, CommandVerb.STOP, toStop);
            }
        } finally {
            if (agent != null) {
                agent.destroy();
                agent.waitFor();
            }
            services.forEach(Process::destroyForcibly);
        }
    }

    private static List<ServiceDefinition> definitions(Path dir, int webPort, int filesPort) {
        String web = Integer.toString(webPort);
        String plugins = "/usr/lib/nagios/plugins/";
        return List.of(
                service("web-process", "process", INTERVAL_MS, "pattern", "http\\.server " + web),
                service("web-port", "tcp", INTERVAL_MS, "port", web),
                service("web-page", "http", INTERVAL_MS, "url", "http://127.0.0.1:" + web + "/", "body.regex", "basket-ok"),
                service("web-check-http", "nagios", INTERVAL_MS, "plugin", plugins + "check_http", "args", "-H 127.0.0.1 -p " + web),
                service("web-check-tcp", "nagios", INTERVAL_MS, "plugin", plugins + "check_tcp", "args", "-H 127.0.0.1 -p " + web),
                service("files-page", "http", INTERVAL_MS, "url", "http://127.0.0.1:" + filesPort + "/"),
                service("sleeper", "process", INTERVAL_MS, "pidfile", dir.resolve("sleeper.pid").toString(),
                        "command", "/bin/sleep 100000"),
                service("dummy1", "ocf", INTERVAL_MS, "agent", "heartbeat:Dummy", "rsctmp", dir.resolve("rsctmp").toString(),
                        "param.state", dir.resolve("dummy1.state").toString()),
                service("dummy2", "ocf", INTERVAL_MS, "agent", "heartbeat:Dummy", "rsctmp", dir.resolve("rsctmp").toString(),
                        "param.state", dir.resolve("dummy2.state").toString()),
                service("load", "nagios", INTERVAL_MS, "plugin", plugins + "check_load", "args", "-w 1000,1000,1000 -c 2000,2000,2000"));
    }

    private static boolean isOk(ManagerPeer manager, String service) {
        var latest = manager.latest(service);
        return latest != null && latest.health() == ServiceHealth.OK;
    }

    private static Process httpServer(int port, Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("index.html"), "basket-ok\n");
        return new ProcessBuilder("/usr/bin/python3", "-m", "http.server", Integer.toString(port), "--bind", "127.0.0.1",
                "--directory", directory.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static void require(CommandResult result) {
        if (!result.ok()) {
            throw new IllegalStateException("the agent answered: " + result.detail());
        }
    }

    /** utime + stime of the process (all its threads), fields 14 and 15 of /proc/PID/stat. */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static Map<String, String> procStatus(long pid) throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("/proc/" + pid + "/status"))) {
            return lines.filter(line -> line.contains(":")).collect(java.util.stream.Collectors.toMap(
                    line -> line.substring(0, line.indexOf(':')), line -> line.substring(line.indexOf(':') + 1).strip(),
                    (a, b) -> a));
        }
    }

    private static Optional<String> pss(long pid) throws IOException {
        Path rollup = Path.of("/proc/" + pid + "/smaps_rollup");
        if (!Files.isReadable(rollup)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(rollup)) {
            return lines.filter(line -> line.startsWith("Pss:")).findFirst().map(line -> line.substring(4).strip());
        }
    }

    private static String commandLine(long pid) throws IOException {
        String line = Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
        return line.substring(0, line.indexOf(" --add-reads") > 0 ? line.indexOf(" --add-reads") : line.length());
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).start();
        String out = new String(process.getInputStream().readAllBytes()).strip();
        process.waitFor();
        return out;
    }
}

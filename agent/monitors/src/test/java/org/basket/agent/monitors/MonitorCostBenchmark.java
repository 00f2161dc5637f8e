package org.basket.agent.monitors;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.basket.agent.monitors.http.HttpMonitor;
import org.basket.agent.monitors.nagios.NagiosMonitor;
import org.basket.agent.monitors.ocf.OcfMonitor;
import org.basket.agent.monitors.process.ProcessMonitor;
import org.basket.agent.monitors.systemd.SystemdMonitor;
import org.basket.agent.monitors.tcp.TcpMonitor;
import org.basket.api.monitor.CheckResult;
import org.basket.api.monitor.ServiceDefinition;
import org.basket.api.monitor.ServiceHealth;
import org.basket.api.monitor.ServiceMonitor;

/**
 * Measures the wall-clock cost of one check of each monitor type against real services on loopback
 * (a python3 http.server, a started ocf:heartbeat:Dummy). Not a test; run it by hand, see
 * docs/performance.md. Argument: checks per type (default 200), after 20 warm-up checks.
 */
public final class MonitorCostBenchmark {

    public static void main(String[] args) throws Exception {
        int checks = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path dir = Files.createTempDirectory("basket-monitor-benchmark");
        LoopbackHttpServer server = new LoopbackHttpServer(dir.resolve("www"));
        Process http = new ProcessBuilder(server.command()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(true).start();
        awaitPort(server.port());
        OcfMonitor ocf = new OcfMonitor();
        ServiceDefinition dummy = Definitions.service("dummy", "ocf", "agent", "heartbeat:Dummy",
                "rsctmp", dir.resolve("rsctmp").toString(), "param.state", dir.resolve("dummy.state").toString());
        ocf.start(dummy);
        try {
            Map<String, Measured> cases = new LinkedHashMap<>();
            cases.put("systemd (real /bin/systemctl is-active; no systemd here, so it answers at once)",
                    new Measured(new SystemdMonitor(), Definitions.service("s", "systemd", "unit", "ssh.service"),
                            ServiceHealth.UNKNOWN));
            cases.put("process by pidfile", new Measured(new ProcessMonitor(), Definitions.service("p", "process",
                    "pidfile", writePid(dir, http.pid()).toString()), ServiceHealth.OK));
            cases.put("process by pattern (scans /proc)", new Measured(new ProcessMonitor(),
                    Definitions.service("p", "process", "pattern", "http\\.server " + server.port()), ServiceHealth.OK));
            cases.put("tcp connect", new Measured(new TcpMonitor(),
                    Definitions.service("t", "tcp", "port", Integer.toString(server.port())), ServiceHealth.OK));
            cases.put("http GET + body regex", new Measured(new HttpMonitor(), Definitions.service("h", "http",
                    "url", server.url(), "body.regex", LoopbackHttpServer.BODY), ServiceHealth.OK));
            cases.put("nagios check_tcp", new Measured(new NagiosMonitor(), Definitions.service("n", "nagios",
                    "plugin", "/usr/lib/nagios/plugins/check_tcp", "args", "-H 127.0.0.1 -p " + server.port()),
                    ServiceHealth.OK));
            cases.put("nagios check_http", new Measured(new NagiosMonitor(), Definitions.service("n", "nagios",
                    "plugin", "/usr/lib/nagios/plugins/check_http", "args", "-H 127.0.0.1 -p " + server.port()),
                    ServiceHealth.OK));
            cases.put("ocf:heartbeat:Dummy monitor", new Measured(ocf, dummy, ServiceHealth.OK));
            System.out.printf("%-85s %9s %9s %9s%n", "check (" + checks + " each)", "mean ms", "p50 ms", "p95 ms");
            for (Map.Entry<String, Measured> entry : cases.entrySet()) {
                double[] millis = entry.getValue().run(checks);
                System.out.printf("%-85s %9.2f %9.2f %9.2f%n", entry.getKey(), Arrays.stream(millis).average().orElse(0),
                        millis[millis.length / 2], millis[(int) (millis.length * 0.95)]);
            }
        } finally {
            ocf.stop(dummy);
            http.destroyForcibly().waitFor();
        }
    }

    private record Measured(ServiceMonitor monitor, ServiceDefinition service, ServiceHealth expected) {
        double[] run(int checks) {
            for (int i = 0; i < 20; i++) {
                verify(monitor.check(service));
            }
            double[] millis = new double[checks];
            for (int i = 0; i < checks; i++) {
                long start = System.nanoTime();
                CheckResult result = monitor.check(service);
                millis[i] = (System.nanoTime() - start) / 1e6;
                verify(result);
            }
            Arrays.sort(millis);
            return millis;
        }

        private void verify(CheckResult result) {
            if (result.health() != expected) {
                throw new IllegalStateException("expected " + expected + ", got " + result);
            }
        }
    }

    private static Path writePid(Path dir, long pid) throws IOException {
        return Files.writeString(dir.resolve("http.pid"), pid + "\n");
    }

    private static void awaitPort(int port) throws InterruptedException {
        for (int attempt = 0; attempt < 200; attempt++) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the http server did not listen on " + port);
    }

    private MonitorCostBenchmark() {
    }
}

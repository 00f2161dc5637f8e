package org.basket.agent.runtime;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.basket.agent.monitors.http.HttpMonitor;
import org.basket.agent.monitors.nagios.NagiosMonitor;
import org.basket.agent.monitors.ocf.OcfMonitor;
import org.basket.agent.monitors.process.ProcessMonitor;
import org.basket.agent.monitors.tcp.TcpMonitor;
import org.basket.api.monitor.ServiceDefinition;

/** Agents for tests: fast heartbeats and retries, the real monitors of agent/monitors. */
final class TestAgents {

    private TestAgents() {
    }

    static AgentSettings settings(Path enrolFile, Path stateDirectory) {
        return settings(enrolFile, stateDirectory, Duration.ofSeconds(20));
    }

    static AgentSettings settings(Path enrolFile, Path stateDirectory, Duration commandTimeout) {
        return new AgentSettings(enrolFile, stateDirectory, Duration.ofMillis(200), Duration.ofSeconds(10),
                Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofMillis(100), Duration.ofMillis(500),
                commandTimeout);
    }

    static MonitorRegistry realMonitors() {
        MonitorRegistry registry = new MonitorRegistry();
        registry.add(ProcessMonitor.TYPE, new ProcessMonitor());
        registry.add(TcpMonitor.TYPE, new TcpMonitor());
        registry.add(HttpMonitor.TYPE, new HttpMonitor());
        registry.add(NagiosMonitor.TYPE, new NagiosMonitor());
        registry.add(OcfMonitor.TYPE, new OcfMonitor());
        return registry;
    }

    static AgentRuntime start(AgentSettings settings, MonitorRegistry monitors) {
        AgentRuntime runtime = new AgentRuntime(settings, monitors, Clock.systemUTC());
        runtime.start();
        return runtime;
    }

    static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A python3 http.server as a process service the agent starts: {@code pattern} finds it, {@code command} runs it. */
    static ServiceDefinition httpServerProcess(String name, int port, Path directory, long intervalMs) throws java.io.IOException {
        java.nio.file.Files.createDirectories(directory);
        java.nio.file.Files.writeString(directory.resolve("index.html"), "basket-ok\n");
        return service(name, "process", intervalMs, "pattern", "http\\.server " + port,
                "command", "/usr/bin/python3 -m http.server " + port + " --bind 127.0.0.1 --directory " + directory);
    }

    /** Kills (SIGKILL) the python http.server on {@code port}; true if there was one. */
    static boolean killHttpServer(int port) {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().map(line -> line.contains("http.server " + port + " ")).orElse(false))
                .map(ProcessHandle::destroyForcibly).reduce(false, Boolean::logicalOr);
    }

    /** {@code service("web", "tcp", 500, "port", "8080")}. */
    static ServiceDefinition service(String name, String type, long intervalMs, String... keysAndValues) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            parameters.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new ServiceDefinition(name, type, parameters, Duration.ofMillis(intervalMs));
    }
}

package org.basket.agent.monitors.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.basket.agent.monitors.support.ProcessTrees;
import org.basket.agent.monitors.support.SettingsMonitor;
import org.basket.api.monitor.CheckResult;
import org.basket.api.monitor.ServiceDefinition;
import org.basket.api.monitor.ServiceHealth;
import org.basket.api.monitor.ServiceMonitor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;



/**
 * A process found by its {@code pidfile} or by a {@code pattern} over full command lines (like
 * {@code pgrep -f}). {@code start} runs {@code command} (a program and its arguments, no shell) in the
 * background and writes its PID to the pidfile; the program must stay in the foreground.
 * {@code stop} sends SIGTERM, then SIGKILL to what is left after {@code stop.grace.ms}.
 */
@Component(immediate = true, service = ServiceMonitor.class, property = ServiceMonitor.TYPE_PROPERTY + "=" + ProcessMonitor.TYPE)
public class ProcessMonitor extends SettingsMonitor<ProcessSettings> {

    public static final String TYPE = "process";

    public ProcessMonitor() {
        super(TYPE);
    }

    @Activate
    void activate() {
        ready();
    }

    @Override
    protected ProcessSettings settings(ServiceDefinition service) {
        return ProcessSettings.of(service);
    }

    @Override
    protected CheckResult check(ProcessSettings settings) {
        try {
            List<Long> pids = running(settings);
            if (pids.isEmpty()) {
                return new CheckResult(ServiceHealth.NOT_RUNNING, settings.describe() + ": no process "
                        + settings.pidfile().map(file -> "named by " + file)
                                .orElseGet(() -> "matches '" + settings.pattern().get().pattern() + "'"));
            }
            return new CheckResult(ServiceHealth.OK, settings.describe() + ": running as pid " + pids);
        } catch (IOException e) {
            return new CheckResult(ServiceHealth.UNKNOWN, e.getMessage());
        }
    }

    @Override
    public void start(ServiceDefinition service) throws IOException, InterruptedException {
        ProcessSettings settings = ProcessSettings.of(service);
        if (settings.command().isEmpty()) {
            throw new UnsupportedOperationException(settings.describe() + ": cannot start without a 'command' parameter");
        }
        if (!running(settings).isEmpty()) {
            return;
        }
        ProcessBuilder builder = new ProcessBuilder(settings.command()).redirectInput(new File("/dev/null"));
        settings.directory().ifPresent(directory -> builder.directory(directory.toFile()));
        ProcessBuilder.Redirect output = settings.log()
                .map(log -> ProcessBuilder.Redirect.appendTo(log.toFile())).orElse(ProcessBuilder.Redirect.DISCARD);
        builder.redirectOutput(output).redirectErrorStream(true);
        Process process = builder.start();
        if (settings.pidfile().isPresent()) {
            writePidfile(settings, process);
        }
        if (process.waitFor(settings.startWait().toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IOException(settings.describe() + ": " + settings.command().get(0) + " exited with "
                    + process.exitValue() + " right after starting" + settings.log().map(log -> "; see " + log).orElse(""));
        }
        if (settings.pattern().isPresent() && !running(settings).contains(process.pid())) {
            ProcessTrees.kill(process.toHandle());
            throw new IllegalArgumentException(settings.describe() + ": key 'pattern': '"
                    + settings.pattern().get().pattern() + "' does not match the started command; it was stopped "
                    + "so that a later start does not run a second copy");
        }
    }

    @Override
    public void stop(ServiceDefinition service) throws IOException {
        ProcessSettings settings = ProcessSettings.of(service);
        List<ProcessHandle> processes = new ArrayList<>();
        for (long pid : running(settings)) {
            ProcessHandle.of(pid).ifPresent(processes::add);
        }
        processes.forEach(ProcessHandle::destroy);
        for (ProcessHandle process : processes) {
            if (!ProcessTrees.awaitExit(process, settings.stopGrace())) {
                ProcessTrees.kill(process);
            }
        }
        List<Long> left = running(settings);
        if (!left.isEmpty()) {
            throw new IOException(settings.describe() + ": still running after SIGKILL: pid " + left);
        }
        if (settings.pidfile().isPresent()) {
            Files.deleteIfExists(settings.pidfile().get());
        }
    }

    private static void writePidfile(ProcessSettings settings, Process process) throws IOException {
        try {
            Files.writeString(settings.pidfile().get(), process.pid() + "\n");
        } catch (IOException e) {
            ProcessTrees.kill(process.toHandle());
            throw new IOException(settings.describe() + ": key 'pidfile': cannot write " + settings.pidfile().get()
                    + " (" + e + "); the started process was killed", e);
        }
    }

    private static List<Long> running(ProcessSettings settings) throws IOException {
        if (settings.pattern().isPresent()) {
            return ProcessTable.matching(settings.pattern().get());
        }
        Optional<Long> pid = readPid(settings);
        return pid.filter(ProcessTable::isAlive).map(List::of).orElse(List.of());
    }

    private static Optional<Long> readPid(ProcessSettings settings) throws IOException {
        Path pidfile = settings.pidfile().get();
        String content;
        try {
            content = Files.readString(pidfile).strip();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (content.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(content.lines().findFirst().orElse("").strip()));
        } catch (NumberFormatException e) {
            throw new IOException(settings.describe() + ": pidfile " + pidfile + " holds no PID: '" + content + "'");
        }
    }
}

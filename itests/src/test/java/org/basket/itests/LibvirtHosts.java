package org.basket.itests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The two real libvirt+QEMU test hosts that scripts/libvirt-test-hosts/hosts.sh started for this
 * run (lva and lvb, each in network namespace basket-NAME), seen from the test.
 */
final class LibvirtHosts {
    static final List<String> NAMES = List.of("lva", "lvb");
    private static final DateTimeFormatter VIRSH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSZ");
    private final Path dir;

    /** Where each host's serial log ended when this test began: earlier tests' runs of the counter are not its own. */
    private final Map<String, Integer> earlierRuns = new HashMap<>();

    /** The hosts as a test begins on them: a guest that an earlier test left running is destroyed. */
    LibvirtHosts(String dir) throws IOException, InterruptedException {
        this.dir = Paths.get(dir);
        for (String host : NAMES) {
            if (run("virsh", "-q", "-c", uri(host), "list", "--name").lines().anyMatch("counter"::equals)) {
                run("virsh", "-q", "-c", uri(host), "destroy", "counter");
            }
            earlierRuns.put(host, wholeSerialLog(host).lastIndexOf('\n') + 1);
        }
    }

    String uri(String host) throws IOException {
        return Files.readString(dir.resolve(host).resolve("uri")).trim();
    }

    Path guestXml() {
        return dir.resolve("counter.xml");
    }

    static String namespace(String host) {
        return "basket-" + host;
    }

    /** What the counter guest wrote to its serial port on the host, across all its runs there since this test began. */
    String serialLog(String host) {
        return wholeSerialLog(host).substring(earlierRuns.get(host));
    }

    private String wholeSerialLog(String host) {
        Path log = dir.resolve(host).resolve("var/log/libvirt/counter-serial.log");
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.US_ASCII) : "";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The host fails hard: every process in its namespace (its libvirtd and QEMU) is killed. */
    void kill(String host) throws IOException, InterruptedException {
        String pids = run("ip", "netns", "pids", namespace(host)).trim();
        if (!pids.isEmpty()) {
            List<String> command = new ArrayList<>(List.of("kill", "-9"));
            command.addAll(List.of(pids.split("\\s+")));
            run(command.toArray(String[]::new));
        }
    }

    /** The guest's QEMU dies (kill -9), its libvirtd stays: a crash as libvirt sees one. */
    void killGuest(String host) throws IOException, InterruptedException {
        for (String pid : run("ip", "netns", "pids", namespace(host)).trim().split("\\s+")) {
            Path comm = Paths.get("/proc", pid, "comm");
            if (Files.exists(comm) && Files.readString(comm).startsWith("qemu-system")) {
                run("kill", "-9", pid);
                return;
            }
        }
        throw new IllegalStateException("no QEMU process runs on test host " + host);
    }

    /** Starts virsh printing the host's lifecycle events with their time; stop it with destroy(). */
    Process watchEvents(String host) throws IOException {
        return new ProcessBuilder("virsh", "-c", uri(host), "event", "--loop", "--event", "lifecycle", "--timestamp")
                .redirectErrorStream(true).start();
    }

    /** When virsh received the first event whose text contains the given words. */
    static Instant eventTime(Process watcher, String words) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(watcher.getInputStream(), StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.contains(words)) {
                // 2026-11-25 17:01:07.938+0000: event 'lifecycle' for domain 'counter': Stopped Failed
                return OffsetDateTime.parse(line.substring(0, line.indexOf(": event")), VIRSH_TIME).toInstant();
            }
        }
        throw new IllegalStateException("virsh reported no event with '" + words + "'");
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    /** The counter's lines, in order; a partial line at the end is left out. */
    static List<Long> counts(String log) {
        List<Long> counts = new ArrayList<>();
        int end = log.lastIndexOf('\n');
        if (end < 0) {
            return counts;
        }
        for (String line : log.substring(0, end).split("\n")) {
            counts.add(Long.parseLong(line.trim()));
        }
        return counts;
    }
}

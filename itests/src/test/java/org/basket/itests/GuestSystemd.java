package org.basket.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Plays systemd's part for an agent installed into a throwaway root: systemd cannot run in this
 * container. Reads the unit the install script wrote and starts its ExecStart, with the guest's
 * absolute paths (ExecStart, BASKET_ENROL_CONFIG, the agent's state) taken inside the root.
 */
final class GuestSystemd implements AutoCloseable {
    static final String UNIT = "etc/systemd/system/basket-agent.service";
    private final Path root;
    private Process agent;

    GuestSystemd(Path root) {
        this.root = root;
    }

    boolean unitInstalled() {
        return Files.isRegularFile(root.resolve(UNIT));
    }

    /** {@code systemctl start basket-agent}, as far as this test needs it. */
    void start() throws IOException {
        List<String> unit = Files.readAllLines(root.resolve(UNIT));
        String execStart = value(unit, "ExecStart=");
        String enrolConfig = value(unit, "Environment=BASKET_ENROL_CONFIG=");
        ProcessBuilder builder = new ProcessBuilder(List.of(inRoot(execStart.split(" ")[0]).toString()))
                .redirectErrorStream(true).redirectOutput(root.resolve("agent-console.log").toFile());
        if (execStart.contains(" ")) {
            builder.command().addAll(List.of(execStart.substring(execStart.indexOf(' ') + 1).split(" ")));
        }
        builder.environment().put("BASKET_ENROL_CONFIG", inRoot(enrolConfig).toString());
        builder.environment().put("BASKET_AGENT_STATE", root.resolve("var/lib/basket-agent").toString());
        agent = builder.start();
    }

    boolean isRunning() {
        return agent != null && agent.isAlive();
    }

    Path log() {
        return root.resolve("opt/basket-agent/data/log/karaf.log");
    }

    @Override
    public void close() throws InterruptedException {
        if (agent == null) {
            return;
        }
        ProcessHandle.of(agent.pid()).ifPresent(process -> {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        });
        if (!agent.waitFor(20, TimeUnit.SECONDS)) {
            agent.destroyForcibly().waitFor();
        }
    }

    private Path inRoot(String guestPath) {
        return root.resolve(guestPath.substring(1));
    }

    private static String value(List<String> unit, String prefix) {
        return unit.stream().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length()).trim())
                .findFirst().orElseThrow(() -> new AssertionError("the unit has no " + prefix + " line: " + unit));
    }
}

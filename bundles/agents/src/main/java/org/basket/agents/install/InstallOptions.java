package org.basket.agents.install;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.basket.installer.SshTarget;

/**
 * What ha:agent-install was asked.
 *
 * @param manager  HOST:PORT the agent is told; empty for the channel's advertised address
 * @param readinessTimeout how long to wait until the agent connected; empty not to wait
 */
public record InstallOptions(String vm, SshTarget target, String root, Path archive, Optional<String> manager,
        Optional<Duration> readinessTimeout) {

    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(120);

    public InstallOptions {
        Objects.requireNonNull(vm, "vm");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(manager, "manager");
        Objects.requireNonNull(readinessTimeout, "readinessTimeout");
    }

    /** Where the agent archive is unless --archive says otherwise. */
    public static Path defaultArchive(String karafHome) {
        return Path.of(karafHome, "agent", "basket-agent.tar.gz");
    }
}

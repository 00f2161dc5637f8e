package org.basket.agents;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A running gateway and the in-process agents that installations started, for tests of other packages. */
public final class InstalledAgents implements AutoCloseable {
    private final GatewayFixture fixture;
    private final Path directory;
    private final List<TestAgent> started = new ArrayList<>();

    public InstalledAgents(Path directory) throws Exception {
        this.directory = directory;
        this.fixture = new GatewayFixture(directory);
    }

    public AgentGateway gateway() {
        return fixture.gateway;
    }

    /** HOST:PORT of the channel on loopback. */
    public String address() {
        return fixture.address();
    }

    /** What systemd does after the install script ran: starts the agent, which enrols with the files the script wrote. */
    public void startFromInstalledFiles(Path root) {
        try {
            started.add(TestAgent.fromInstalledFiles(root, directory.resolve("agent-identity-" + started.size())));
        } catch (Exception e) {
            throw new IllegalStateException("the agent installed under " + root + " could not start: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        started.forEach(TestAgent::close);
        fixture.close();
    }
}

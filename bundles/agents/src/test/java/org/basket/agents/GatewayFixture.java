package org.basket.agents;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.basket.api.monitor.AgentEnrolment;

/** A real AgentGateway listening on 127.0.0.1 (any free port), its state in a temporary directory. */
final class GatewayFixture implements AutoCloseable {
    final Path directory;
    final AgentGateway gateway = new AgentGateway();
    final Map<String, Object> properties = new HashMap<>();

    GatewayFixture(Path directory) throws Exception {
        this.directory = directory;
        properties.put("state.directory", directory.resolve("state").toString());
        properties.put("bind.address", "127.0.0.1");
        properties.put("port", "0");
        properties.put("command.timeout.ms", "10000");
        gateway.activate(properties);
    }

    String address() {
        return "127.0.0.1:" + gateway.port();
    }

    /** Enrols an agent for the VM with a token from the gateway and connects it. */
    TestAgent connect(String vm) throws Exception {
        AgentEnrolment enrolment = gateway.enrol(vm, Duration.ofMinutes(5));
        return TestAgent.enrol(address(), vm, enrolment.token(), gateway.caCertificatePem(), directory.resolve("agent-" + vm));
    }

    /** Changes one key, as an edit of the configuration file would; the change stays for the next one. */
    void reconfigure(String key, String value) {
        properties.put(key, value);
        gateway.modified(new HashMap<>(properties));
    }

    @Override
    public void close() {
        gateway.deactivate();
    }
}

package org.basket.agents;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** etc/org.basket.agents.cfg with a key the gateway does not know: refused whole, the running channel stays. */
class StrictAgentsConfigTest {
    @TempDir
    Path directory;
    private GatewayFixture fixture;
    private TestAgent agent;

    @BeforeEach
    void start() throws Exception {
        fixture = new GatewayFixture(directory);
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        fixture.close();
    }

    @Test
    void aFileWithATypoInAKeyIsRefusedWholeAndTheLastGoodSettingsStay() throws Exception {
        agent = fixture.connect("web1");
        await().atMost(Duration.ofSeconds(20)).until(agent::isConnected);
        int port = fixture.gateway.port();

        fixture.properties.put("bind.adress", "10.9.9.9");
        fixture.reconfigure("port", Integer.toString(freePort()));

        assertEquals(port, fixture.gateway.port(), "the new port came with the typo: neither is in force");
        assertTrue(agent.isConnected());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

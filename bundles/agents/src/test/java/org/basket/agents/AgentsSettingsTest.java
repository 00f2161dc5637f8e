package org.basket.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class AgentsSettingsTest {

    @Test
    void defaultsListenOnEveryAddressOfPort8543() {
        AgentsSettings settings = AgentsSettings.from(Map.of());

        assertEquals("0.0.0.0", settings.bindAddress());
        assertEquals(8543, settings.port());
        assertEquals(Optional.empty(), settings.advertisedAddress());
        assertTrue(settings.advertisedAddress(8543).endsWith(":8543"), settings.advertisedAddress(8543));
        assertEquals(Duration.ofSeconds(60), settings.commandTimeout());
        assertEquals(Duration.ofMinutes(30), settings.tokenValidity());
        assertEquals(Path.of(System.getProperty("karaf.data", "data"), "basket", "agents"), settings.stateDirectory());
    }

    @Test
    void readsEveryKey() {
        AgentsSettings settings = AgentsSettings.from(Map.of("state.directory", "/var/lib/basket/agents", "bind.address", "10.0.0.5",
                "port", "9443", "advertised.address", "manager.example:443", "command.timeout.ms", "5000", "token.validity.ms", "60000"));

        assertEquals(new AgentsSettings(Path.of("/var/lib/basket/agents"), "10.0.0.5", 9443, Optional.of("manager.example:443"),
                Duration.ofSeconds(5), Duration.ofMinutes(1)), settings);
        assertEquals("manager.example", settings.advertisedHost());
    }

    @Test
    void aBadValueIsRefusedNamingTheFileTheKeyAndTheValue() {
        Map<String, Object> broken = Map.of("felix.fileinstall.filename", "file:/opt/basket/etc/org.basket.agents.cfg", "port", "eighty");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> AgentsSettings.from(broken));

        assertEquals("/opt/basket/etc/org.basket.agents.cfg: port must be a whole number from 0 to 65535, not 'eighty'", error.getMessage());
    }

    @Test
    void anAdvertisedAddressNeedsAHostAndAPort() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> AgentsSettings.from(Map.of("advertised.address", "manager.example")));

        assertEquals("etc/org.basket.agents.cfg: advertised.address must be HOST:PORT, not 'manager.example'", error.getMessage());
    }

    @Test
    void aTimeoutMustBePositive() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> AgentsSettings.from(Map.of("command.timeout.ms", "0")));

        assertEquals("etc/org.basket.agents.cfg: command.timeout.ms must be a whole number from 1 up, not '0'", error.getMessage());
    }
}

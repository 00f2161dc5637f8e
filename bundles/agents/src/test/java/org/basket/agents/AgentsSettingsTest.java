package org.basket.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.basket.channel.manager.ChannelLimits;
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
        assertEquals(Duration.ofSeconds(10), settings.handshakeTimeout());
        assertEquals(ChannelLimits.DEFAULTS, settings.limits());
        assertEquals(Duration.ofDays(30), settings.certificateValidity());
    }

    @Test
    void readsEveryKey() {
        AgentsSettings settings = AgentsSettings.from(Map.ofEntries(Map.entry("state.directory", "/var/lib/basket/agents"),
                Map.entry("bind.address", "10.0.0.5"), Map.entry("port", "9443"), Map.entry("advertised.address", "manager.example:443"),
                Map.entry("command.timeout.ms", "5000"), Map.entry("token.validity.ms", "60000"),
                Map.entry("handshake.timeout.ms", "3000"), Map.entry("preauth.max.connections", "100"),
                Map.entry("preauth.max.per.address", "4"), Map.entry("enrol.free.failures", "3"),
                Map.entry("enrol.backoff.min.ms", "2000"), Map.entry("enrol.backoff.max.ms", "60000"),
                Map.entry("certificate.validity.days", "14"), Map.entry("service.pid", "org.basket.agents"),
                Map.entry("felix.fileinstall.filename", "file:/opt/basket/etc/org.basket.agents.cfg")));

        assertEquals(new AgentsSettings(Path.of("/var/lib/basket/agents"), "10.0.0.5", 9443, Optional.of("manager.example:443"),
                Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofSeconds(3),
                new ChannelLimits(100, 4, ChannelLimits.DEFAULTS.maxPreAuthFrameBytes(), 3, Duration.ofSeconds(2), Duration.ofMinutes(1)),
                Duration.ofDays(14)), settings);
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

    @Test
    void anUnknownKeyIsRefusedNamingTheFileTheKeyAndTheValue() {
        Map<String, Object> typo = Map.of("felix.fileinstall.filename", "file:/opt/basket/etc/org.basket.agents.cfg",
                "bind.adress", "10.0.0.5", "component.id", 7);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> AgentsSettings.from(typo));

        assertEquals("/opt/basket/etc/org.basket.agents.cfg: unknown key 'bind.adress' = '10.0.0.5' (known keys: "
                + String.join(", ", AgentsSettings.KEYS) + ")", error.getMessage());
        assertTrue(error.getMessage().contains("bind.address"), "the known keys name the right spelling");
    }

    @Test
    void aPerAddressCapAboveTheOverallOneIsRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> AgentsSettings.from(Map.of("preauth.max.connections", "10", "preauth.max.per.address", "20")));

        assertEquals("etc/org.basket.agents.cfg: preauth.max.per.address must be a whole number from 1 to 10, not '20'",
                error.getMessage());
    }
}

package org.basket.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.basket.api.config.ConfigException;
import org.basket.api.config.StrictConfig;
import org.basket.channel.manager.ChannelLimits;
import org.junit.jupiter.api.Test;

class AgentsSettingsTest {
    private static final String FILE = "file:/opt/basket/etc/org.basket.agents.cfg";

    @Test
    void defaultsListenOnEveryAddressOfPort8543() throws ConfigException {
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
    void readsEveryKey() throws ConfigException {
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
        Map<String, Object> broken = Map.of("felix.fileinstall.filename", FILE, "port", "eighty");

        ConfigException error = assertThrows(ConfigException.class, () -> AgentsSettings.from(broken));

        assertEquals("org.basket.agents.cfg: key 'port': not a whole number: 'eighty'",
                error.describe(AgentsSettings.source(broken)));
    }

    @Test
    void everyBadValueOfTheFileIsNamedAtOnce() {
        Map<String, Object> broken = Map.of("port", "70000", "advertised.address", "manager.example",
                "command.timeout.ms", "0");

        ConfigException error = assertThrows(ConfigException.class, () -> AgentsSettings.from(broken));

        assertEquals("org.basket.agents: key 'port': must be from 0 to 65535: '70000'; key 'advertised.address':"
                + " must be HOST:PORT: 'manager.example'; key 'command.timeout.ms': must be from 1 up: '0'",
                error.describe(AgentsSettings.source(broken)));
    }

    @Test
    void anUnknownKeyIsRefusedNamingTheFileAndTheKnownKeys() {
        Map<String, Object> typo = Map.of("felix.fileinstall.filename", FILE, "bind.adress", "10.0.0.5", "component.id", 7);

        ConfigException error = assertThrows(ConfigException.class, () -> AgentsSettings.from(typo));

        assertEquals("bind.adress", error.key());
        assertEquals("org.basket.agents.cfg: key 'bind.adress': unknown key (known keys: "
                + String.join(", ", StrictConfig.keys(AgentsConfig.class)) + ")", error.describe(AgentsSettings.source(typo)));
        assertTrue(error.getMessage().contains("bind.address"), "the known keys name the right spelling");
    }

    @Test
    void aPerAddressCapAboveTheOverallOneIsRefused() {
        ConfigException error = assertThrows(ConfigException.class,
                () -> AgentsSettings.from(Map.of("preauth.max.connections", "10", "preauth.max.per.address", "20")));

        assertEquals("preauth.max.per.address", error.key());
        assertEquals("must be from 1 to 10: '20'", error.getMessage());
    }
}

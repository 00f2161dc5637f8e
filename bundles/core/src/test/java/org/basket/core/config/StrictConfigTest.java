package org.basket.core.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

class StrictConfigTest {

    @Test
    void keysFollowDeclarativeServicesNaming() {
        assertEquals("memory.mb", StrictConfig.keyOf("memory_mb"));
        assertEquals("with", StrictConfig.keyOf("with$"));
        assertEquals("a_b", StrictConfig.keyOf("a__b"));
        assertEquals("anti-affinity", StrictConfig.keyOf("anti$_$affinity"));
    }

    @Test
    void defaultsAndConversions() throws ConfigException {
        ResourceConfig c = StrictConfig.read(ResourceConfig.class, Map.of("cpus", " 3 ", "migratable", "no"));
        assertEquals(3, c.cpus());
        assertEquals(1024, c.memory_mb());
        assertEquals(false, c.migratable());
        HostConfig h = StrictConfig.read(HostConfig.class, Map.of("driver", "sim", "attributes", "a=1, b=2"));
        assertArrayEquals(new String[] {"a=1", "b=2"}, h.attributes());
    }

    @Test
    void missingRequiredKeyIsNamed() {
        ConfigException e = assertThrows(ConfigException.class, () -> StrictConfig.read(HostConfig.class, Map.of()));
        assertEquals("driver", e.key());
        assertEquals("missing required key", e.getMessage());
    }

    @Test
    void wrongTypesAreNamed() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> StrictConfig.read(ResourceConfig.class, Map.of("enabled", "maybe")));
        assertEquals("enabled", e.key());
        assertEquals("not true or false: 'maybe'", e.getMessage());
    }

    @Test
    void everyBadKeyOfAFileIsNamedInOneProblem() {
        ConfigException e = assertThrows(ConfigException.class, () -> StrictConfig.read(HostConfig.class,
                Map.of("drivr", "sim", "adress", "h1.example", "attributes", "rack=r1")));
        assertEquals("adress", e.key());
        assertEquals("unknown key; key 'drivr': unknown key (known keys: address, attributes, driver, name);"
                + " key 'driver': missing required key", e.getMessage());
    }

    @Test
    void everyBadValueIsNamedInOneProblem() {
        ConfigException e = assertThrows(ConfigException.class, () -> StrictConfig.read(ResourceConfig.class,
                Map.of("cpus", "two", "enabled", "maybe", "memory.mb", "lots")));
        assertEquals("cpus", e.key());
        assertEquals("not a whole number: 'two'; key 'enabled': not true or false: 'maybe';"
                + " key 'memory.mb': not a whole number: 'lots'", e.getMessage());
    }

    @Test
    void aHostFileWithSeveralBadValuesNamesThemAll() {
        ConfigException e = assertThrows(ConfigException.class, () -> DefinitionReader.read(ConfigPids.HOST,
                "org.basket.host-h1", Map.of("felix.fileinstall.filename", "/basket/etc/org.basket.host-h1.cfg",
                        "driver", " ", "attributes", "rack, site=a, room")));
        assertEquals("driver", e.key());
        assertEquals("must not be empty; key 'attributes': 'rack', 'room' are not key=value", e.getMessage());
    }

    @Test
    void frameworkKeysAreIgnored() throws ConfigException {
        StrictConfig.read(ManagerConfig.class, Map.of("service.pid", "x", "felix.fileinstall.filename", "y",
                "component.name", "z", "component.id", 1L, "osgi.ds.satisfying.condition.target", "(x=y)"));
    }
}

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
    void frameworkKeysAreIgnored() throws ConfigException {
        StrictConfig.read(ManagerConfig.class, Map.of("service.pid", "x", "felix.fileinstall.filename", "y",
                "component.name", "z", "component.id", 1L, "osgi.ds.satisfying.condition.target", "(x=y)"));
    }
}

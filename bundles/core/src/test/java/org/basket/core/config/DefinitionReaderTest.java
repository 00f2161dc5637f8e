package org.basket.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.basket.api.config.ConfigException;
import org.junit.jupiter.api.Test;

class DefinitionReaderTest {

    @Test
    void aHostFileWithSeveralBadValuesNamesThemAll() {
        ConfigException e = assertThrows(ConfigException.class, () -> DefinitionReader.read(ConfigPids.HOST,
                "org.basket.host-h1", Map.of("felix.fileinstall.filename", "/basket/etc/org.basket.host-h1.cfg",
                        "driver", " ", "attributes", "rack, site=a, room")));
        assertEquals("driver", e.key());
        assertEquals("must not be empty; key 'attributes': 'rack', 'room' are not key=value", e.getMessage());
    }

    @Test
    void aResourceFileNamesEveryBadKeyWithItsValue() {
        ConfigException e = assertThrows(ConfigException.class, () -> DefinitionReader.read(ConfigPids.RESOURCE,
                "org.basket.resource-db", Map.of("cpus", "two", "enabled", "maybe", "memory.mb", "lots")));
        assertEquals("org.basket.resource-db: key 'cpus': not a whole number: 'two'; key 'enabled': not true or"
                + " false: 'maybe'; key 'memory.mb': not a whole number: 'lots'", e.describe("org.basket.resource-db"));
    }

    @Test
    void frameworkKeysAreIgnored() throws ConfigException {
        DefinitionReader.read(ConfigPids.HOST, "org.basket.host-h1", Map.of("driver", "sim", "service.pid", "x",
                "felix.fileinstall.filename", "/etc/org.basket.host-h1.cfg", "component.name", "z", "component.id", 1L));
    }
}

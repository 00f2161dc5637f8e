package org.basket.agent.runtime;

import static org.basket.agent.runtime.TestAgents.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.basket.api.monitor.ServiceDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefinitionStoreTest {

    @TempDir
    Path dir;

    @Test
    void savesAndLoadsTheLastGoodDefinitions() throws IOException {
        DefinitionStore store = new DefinitionStore(dir.resolve("state"));
        assertEquals(List.of(), store.load());
        List<ServiceDefinition> definitions = List.of(service("web", "http", 2_000, "url", "http://127.0.0.1/"),
                service("db", "tcp", 5_000, "port", "5432"));

        store.save(definitions);
        store.save(definitions.subList(0, 1));

        assertEquals(definitions.subList(0, 1), store.load());
        assertFalse(Files.exists(dir.resolve("state").resolve(DefinitionStore.FILE_NAME + ".new")));
    }

    @Test
    void anUnreadableCopyIsAnErrorNamingTheFile() throws IOException {
        DefinitionStore store = new DefinitionStore(Files.createDirectories(dir.resolve("state")));
        Files.writeString(store.file(), "service.zero.name=web\n");
        assertEquals("the saved service definitions " + store.file()
                + " are unreadable: key 'service.zero.name' does not number its service",
                assertThrows(IOException.class, store::load).getMessage());
    }
}

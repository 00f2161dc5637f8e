package org.basket.core.config;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.basket.api.cluster.ConfigProblem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is in force equals the files in etc/, however they changed. */
class ConfigFolderTest {
    @TempDir
    Path etc;
    private ConfigStore store = new ConfigStore();
    private ConfigFolder folder;

    @BeforeEach
    void demo() throws IOException {
        write("org.basket.driver-sim.cfg", "type = sim");
        write("org.basket.host-node1.cfg", "driver = sim");
        write("org.basket.resource-db.cfg", "cpus = 2");
        write("org.basket.manager.cfg", "settle.ms = 0"); // not a definition: Config Admin's
        folder = new ConfigFolder(etc, store, () -> { });
    }

    @Test
    void readsTheDefinitionFilesOnly() {
        assertTrue(folder.scan());
        ConfigStore.Result result = store.build();
        assertEquals(List.of(), result.problems());
        assertEquals(List.of("node1"), List.copyOf(result.config().hosts().keySet()));
        assertEquals(2, result.config().resources().get("db").demand().cpus());
        assertFalse(folder.scan(), "nothing changed");
    }

    @Test
    void aFileDeletedWhileBasketWasStoppedIsNotInForceAfterTheRestart() throws IOException {
        folder.scan();
        Files.delete(etc.resolve("org.basket.resource-db.cfg"));

        store = new ConfigStore();
        new ConfigFolder(etc, store, () -> { }).scan();

        assertFalse(store.build().config().resources().containsKey("db"));
    }

    @Test
    void thousandsOfFilesAddedAtOnceAreAllInForceAndDeletedAtOnceAllGo() throws IOException {
        folder.scan();
        for (int i = 0; i < 10_000; i++) {
            write("org.basket.resource-vm" + i + ".cfg", "cpus = 1");
        }
        assertTrue(folder.scan());
        assertEquals(10_001, store.build().config().resources().size());

        for (int i = 0; i < 600; i++) {
            Files.delete(etc.resolve("org.basket.resource-vm" + i + ".cfg"));
        }
        assertTrue(folder.scan());
        assertEquals(9_401, store.build().config().resources().size());
        assertEquals(List.of(), store.build().problems());
    }

    @Test
    void aKeySetTwiceIsRefusedAndTheLastGoodVersionStays() throws IOException {
        folder.scan();
        store.build();
        write("org.basket.resource-db.cfg", "cpus = 2", "memory.mb = 1024", "cpus = 8");
        folder.scan();
        ConfigStore.Result result = store.build();
        assertEquals(List.of(new ConfigProblem("org.basket.resource-db.cfg", "cpus",
                "set more than once: cpus (which one is meant?) (the previous definition stays in force)")), result.problems());
        assertEquals(2, result.config().resources().get("db").demand().cpus());
    }

    @Test
    void anEmptyFileIsRefused() throws IOException {
        write("org.basket.resource-empty.cfg", "# nothing yet");
        folder.scan();
        ConfigStore.Result result = store.build();
        assertEquals(List.of(new ConfigProblem("org.basket.resource-empty.cfg", "",
                "the file defines nothing: it has no keys")), result.problems());
        assertFalse(result.config().resources().containsKey("empty"));
    }

    @Test
    void anOversizedFileIsRefusedUnread() throws IOException {
        write("org.basket.resource-huge.cfg", "cpus = 1", "# " + "x".repeat((int) ConfigFolder.MAX_FILE_BYTES));
        folder.scan();
        ConfigProblem problem = store.build().problems().get(0);
        assertEquals("org.basket.resource-huge.cfg", problem.source());
        assertTrue(problem.reason().contains("a definition may have at most 65536"), problem.reason());
    }

    @Test
    void anOverlongNameIsRefused() throws IOException {
        write("org.basket.resource-" + "v".repeat(200) + ".cfg", "cpus = 1");
        folder.scan();
        ConfigProblem problem = store.build().problems().get(0);
        assertEquals("name", problem.key());
        assertEquals("has 200 characters; a name may have at most 64", problem.reason());
    }

    @Test
    void aSecretReferenceIsReadFromAFileOnlyItsOwnerMayRead() throws IOException {
        Path secrets = Files.createDirectory(etc.resolve("secrets"));
        Path secret = Files.writeString(secrets.resolve("kvm-password"), "s3cret\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
        write("org.basket.driver-kvm.cfg", "type = libvirt", "username = basket", "password = $[secret:kvm-password]");
        folder.scan();
        ConfigProblem problem = store.build().problems().get(0);
        assertEquals(new ConfigProblem("org.basket.driver-kvm.cfg", "password", "secret file " + secret
                + " may be read by others (rw-r--r--): chmod 600 it"), problem);

        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        assertTrue(folder.scan(), "a secret's file that changed is read again");
        ConfigStore.Result result = store.build();
        assertEquals(List.of(), result.problems());
        assertEquals("s3cret", result.drivers().get("kvm").properties().get("password"));
        assertFalse(result.drivers().get("kvm").toString().contains("s3cret"), result.drivers().get("kvm").toString());

        write("org.basket.driver-kvm.cfg", "type = libvirt", "password = $[secret:../passwd]");
        folder.scan();
        assertEquals("'../passwd' is not a secret's name (letters, digits, '.', '_', '-')",
                store.build().problems().get(0).reason().replace(" (the previous definition stays in force)", ""));
    }

    @Test
    void changesArePickedUpWhileWatching() throws IOException {
        AtomicInteger told = new AtomicInteger();
        folder = new ConfigFolder(etc, store, told::incrementAndGet);
        folder.open();
        try {
            write("org.basket.resource-web.cfg", "cpus = 1");
            await().atMost(Duration.ofSeconds(10)).until(() -> store.build().config().resources().containsKey("web"));
            assertTrue(told.get() > 0);
            Files.delete(etc.resolve("org.basket.resource-web.cfg"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !store.build().config().resources().containsKey("web"));
        } finally {
            folder.close();
        }
    }

    private void write(String file, String... lines) throws IOException {
        Path temp = etc.resolve(file + ".tmp");
        Files.write(temp, List.of(lines));
        Files.move(temp, etc.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}

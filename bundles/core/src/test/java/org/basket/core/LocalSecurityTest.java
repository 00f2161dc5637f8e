package org.basket.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.EventKind;
import org.basket.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSecurityTest {
    @TempDir
    Path home;
    private final EventLog events = new EventLog(100, new MutableClock());

    @Test
    void etcAndDataAreMadeReadableByTheOwnerOnly() throws IOException {
        Path etc = directory("etc", "rwxr-xr-x");
        Path data = directory("data", "rwxrwxrwx");
        Files.writeString(etc.resolve("users.properties"), "admin = secret, _g_:admingroup\n");

        new LocalSecurity(events).check(etc, data);

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(etc)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        assertEquals(List.of(etc + " was rwxr-xr-x: made readable by its owner only (it holds passwords and keys)",
                data + " was rwxrwxrwx: made readable by its owner only (it holds passwords and keys)"), messages());
    }

    @Test
    void anInstallationWithoutAnyAccountSaysHowToCreateOne() throws IOException {
        Path etc = directory("etc", "rwx------");
        Files.writeString(etc.resolve("users.properties"), "_g_\\:admingroup = group, admin, ssh\n");

        new LocalSecurity(events).check(etc, directory("data", "rwx------"));

        assertEquals(1, messages().size(), messages().toString());
        assertTrue(messages().get(0).startsWith("no account can log in to the shell: add one to "), messages().get(0));
    }

    private Path directory(String name, String permissions) throws IOException {
        Path dir = Files.createDirectory(home.resolve(name));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(permissions));
        return dir;
    }

    /** What the operator reads: the wording is what these tests are about. */
    private List<String> messages() {
        return events.recent(10).stream().filter(e -> e.kind() == EventKind.OTHER).map(ClusterEvent::message).toList();
    }
}

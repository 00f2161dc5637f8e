package org.basket.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import java.util.Set;

/**
 * What a first start checks of the machine's own security: {@code etc/} (passwords, the shell's accounts) and
 * {@code data/} (the journal, the agents' CA key) are made readable by their owner only, and an installation
 * without any account says how to create one.
 */
final class LocalSecurity {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private final EventLog events;

    LocalSecurity(EventLog events) {
        this.events = events;
    }

    void check(Path etc, Path data) {
        ownerOnly(etc);
        ownerOnly(data);
        accounts(etc.resolve("users.properties"), etc.resolve("keys.properties"));
    }

    private void ownerOnly(Path dir) {
        try {
            Set<PosixFilePermission> now = Files.getPosixFilePermissions(dir);
            if (!OWNER_ONLY.containsAll(now)) {
                Files.setPosixFilePermissions(dir, OWNER_ONLY);
                events.warn(dir + " was " + PosixFilePermissions.toString(now) + ": made readable by its owner only"
                        + " (it holds passwords and keys)");
            }
        } catch (UnsupportedOperationException | IOException e) {
            events.warn(dir + ": could not make it readable by its owner only: " + e.getMessage());
        }
    }

    private void accounts(Path users, Path keys) {
        if (count(users) + count(keys) == 0) {
            events.warn("no account can log in to the shell: add one to " + users + " as 'name = password,"
                    + " _g_:admingroup' (the password is hashed at its first login), or an SSH key to " + keys);
        }
    }

    /** The accounts a properties file of Karaf's JAAS defines (not its groups). */
    private static long count(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            return 0;
        }
        return properties.stringPropertyNames().stream().filter(name -> !name.startsWith("_g_:")).count();
    }
}

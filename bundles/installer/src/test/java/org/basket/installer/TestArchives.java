package org.basket.installer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Builds a small agent archive shaped like a Karaf distribution: one top directory with bin/karaf. */
public final class TestArchives {

    private TestArchives() {
    }

    public static Path agentArchive(Path directory) throws Exception {
        Path top = Files.createDirectories(directory.resolve("basket-agent-0.1.0"));
        Files.createDirectories(top.resolve("bin"));
        Files.createDirectories(top.resolve("etc"));
        Path karaf = Files.writeString(top.resolve("bin/karaf"), "#!/bin/sh\necho agent\n");
        Files.setPosixFilePermissions(karaf, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(top.resolve("etc/agent.cfg"), "threads=2\n");
        Path archive = directory.resolve("basket-agent-0.1.0.tar.gz");
        Process tar = new ProcessBuilder("tar", "-czf", archive.toString(), "-C", directory.toString(), "basket-agent-0.1.0")
                .redirectErrorStream(true).start();
        String output = new String(tar.getInputStream().readAllBytes());
        if (tar.waitFor() != 0) {
            throw new AssertionError("tar failed: " + output);
        }
        return archive;
    }
}

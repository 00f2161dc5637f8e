package org.basket.coordination;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.basket.testsupport.ZooKeeperServers;

/** Real ZooKeeper servers on the test's own class path, in a work directory of their own under target/. */
final class ZooKeeperEnsemble extends ZooKeeperServers {
    private ZooKeeperEnsemble(Path directory, int size, String extraConfig, List<String> jvmOptions) throws IOException {
        super(directory, System.getProperty("java.class.path"), size, extraConfig, jvmOptions);
    }

    static ZooKeeperEnsemble start(String name, int size) throws IOException {
        return start(name, size, "");
    }

    static ZooKeeperEnsemble start(String name, int size, String extraConfig) throws IOException {
        return start(name, size, extraConfig, List.of());
    }

    /** With JVM options for the servers (a JAAS configuration, say). */
    static ZooKeeperEnsemble start(String name, int size, String extraConfig, List<String> jvmOptions)
            throws IOException {
        ZooKeeperEnsemble ensemble = new ZooKeeperEnsemble(Processes.workDirectory(name), size, extraConfig, jvmOptions);
        ensemble.startAll();
        return ensemble;
    }
}

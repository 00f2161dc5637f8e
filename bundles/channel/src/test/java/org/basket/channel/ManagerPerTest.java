package org.basket.channel;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The base of tests that each run against a real manager channel of their own, in a temporary directory. */
abstract class ManagerPerTest {
    @TempDir
    Path directory;

    ManagerFixture manager;

    @BeforeEach
    void startManager() throws Exception {
        manager = new ManagerFixture(directory.resolve("manager"));
    }

    @AfterEach
    void stopManager() {
        manager.close();
    }
}

package org.basket.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoordinationModeTest {
    @TempDir
    Path etc;

    @Test
    void withoutTheFileOrInEmbeddedModeTheManagerLeadsAlone() throws Exception {
        CoordinationMode mode = new CoordinationMode(etc);
        assertEquals("", mode.ensemble());

        write("mode = embedded", 1);

        assertEquals("", mode.ensemble());
    }

    @Test
    void anEnsembleIsNamedAndAChangedFileIsReadAgain() throws Exception {
        CoordinationMode mode = new CoordinationMode(etc);
        write("mode = zookeeper\nzookeeper.connect = zk1:2181,zk2:2181", 1);
        assertEquals("zk1:2181,zk2:2181", mode.ensemble());

        write("mode = embedded", 2);
        assertEquals("", mode.ensemble());

        Files.delete(etc.resolve(CoordinationMode.FILE));
        assertEquals("", mode.ensemble());
    }

    @Test
    void anEnsembleWithoutAddressOrAnUnreadableFileStillMeansSeveralManagers() throws Exception {
        CoordinationMode mode = new CoordinationMode(etc);
        write("mode = zookeeper", 1);
        assertEquals("(mode zookeeper in org.basket.coordination.cfg, no zookeeper.connect)", mode.ensemble());

        write("mode = zookeeper\nzookeeper.connect = \\u00zz", 2);
        assertTrue(mode.ensemble().startsWith("(org.basket.coordination.cfg cannot be read: "), mode.ensemble());
    }

    private void write(String text, int second) throws Exception {
        Path file = etc.resolve(CoordinationMode.FILE);
        Files.writeString(file, text + "\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-12-04T12:00:00Z").plusSeconds(second)));
    }
}

package org.basket.agents.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaFileTest {
    @TempDir
    Path dir;

    @Test
    void writesANewFileInsideTheDirectory() throws IOException {
        CaFile file = CaFile.in(dir, "ca.crt");
        file.write("PEM", false);
        assertEquals("PEM", Files.readString(dir.resolve("ca.crt")));
    }

    @Test
    void refusesToOverwriteUnlessAsked() throws IOException {
        Files.writeString(dir.resolve("ca.crt"), "old");
        IOException e = assertThrows(IOException.class, () -> CaFile.in(dir, "ca.crt").write("PEM", false));
        assertTrue(e.getMessage().endsWith("ca.crt exists; not overwritten (--force replaces it)"), e.getMessage());
        assertEquals("old", Files.readString(dir.resolve("ca.crt")));

        CaFile.in(dir, "ca.crt").write("PEM", true);
        assertEquals("PEM", Files.readString(dir.resolve("ca.crt")));
    }

    @Test
    void neverLeavesTheDirectory() throws IOException {
        Path inside = Files.createDirectory(dir.resolve("inside"));
        for (String name : new String[] {"../passwd", "/etc/passwd", "..", "sub/../../x"}) {
            IOException e = assertThrows(IOException.class, () -> CaFile.in(inside, name), name);
            assertTrue(e.getMessage().contains("is not a file inside"), e.getMessage());
        }
    }

    @Test
    void neverFollowsASymbolicLink() throws IOException {
        Path victim = Files.writeString(dir.resolve("victim"), "system file");
        Path inside = Files.createDirectory(dir.resolve("inside"));
        Files.createSymbolicLink(inside.resolve("ca.crt"), victim);
        Files.createSymbolicLink(inside.resolve("up"), dir);

        assertThrows(IOException.class, () -> CaFile.in(inside, "ca.crt").write("PEM", true));
        assertThrows(IOException.class, () -> CaFile.in(inside, "up/ca.crt"));
        assertEquals("system file", Files.readString(victim));
    }
}

package org.basket.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrolmentFileTest {

    @TempDir
    Path dir;

    @Test
    void readsWhatTheInstallScriptWrites() throws IOException {
        Path file = Files.writeString(dir.resolve("enrol.cfg"), "manager=manager.example:7443\ntoken=0a1b2c3d.secret\nvm=web1\n");

        EnrolmentFile enrolment = EnrolmentFile.read(file, true);

        assertEquals("manager.example", enrolment.managerHost());
        assertEquals(7443, enrolment.managerPort());
        assertEquals("web1", enrolment.vm());
        assertEquals("0a1b2c3d.secret", enrolment.token());
        assertEquals(dir.resolve("ca.crt"), enrolment.caFile());
        assertNull(EnrolmentFile.read(file, false).token());
        Files.writeString(file, "manager=manager.example:7443\n");
        assertEquals("", EnrolmentFile.read(file, false).vm());
    }

    @Test
    void errorsNameTheFileAndTheKey() throws IOException {
        Path file = Files.writeString(dir.resolve("enrol.cfg"), "manager=manager.example\nvm=web1\n");
        assertEquals("the enrolment file " + file + ": key 'manager': not HOST:PORT: 'manager.example'",
                assertThrows(IllegalArgumentException.class, () -> EnrolmentFile.read(file, false)).getMessage());
        Files.writeString(file, "manager=m:1\nvm=web1\n");
        assertEquals("the enrolment file " + file + ": key 'token': missing: needed to enrol",
                assertThrows(IllegalArgumentException.class, () -> EnrolmentFile.read(file, true)).getMessage());
        assertEquals("the enrolment file " + dir.resolve("none.cfg") + " does not exist (written by basket-agent-install.sh)",
                assertThrows(IOException.class, () -> EnrolmentFile.read(dir.resolve("none.cfg"), true)).getMessage());
    }

    @Test
    void aMisspeltKeyIsRefusedWithoutShowingItsValue() throws IOException {
        Path file = Files.writeString(dir.resolve("enrol.cfg"), "manager=m:1\ntokn=0a1b2c3d.secret\nvm=web1\n");
        String message = assertThrows(IllegalArgumentException.class, () -> EnrolmentFile.read(file, true)).getMessage();
        assertEquals("the enrolment file " + file + ": key 'tokn': unknown key (known keys: ca, manager, token, vm);"
                + " key 'token': missing: needed to enrol", message);
    }

    @Test
    void forgettingTheTokenKeepsTheRest() throws IOException {
        Path file = Files.writeString(dir.resolve("enrol.cfg"), "manager=m:1\n  token = 0a1b2c3d.secret\nvm=web1\ntokens.note=kept\n");
        EnrolmentFile.forgetToken(file);
        assertEquals("manager=m:1\nvm=web1\ntokens.note=kept\n", Files.readString(file));
    }
}

package org.basket.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallScriptTest {

    @TempDir
    Path dir;

    @Test
    void quotesWordsSoThatAShellSeesThemUnchanged() throws Exception {
        List<String> words = List.of("it's", "a b", "$HOME", "`id`", "\"x\"", "");
        String command = "printf '[%s]' " + InstallScript.command(words);

        Process shell = new ProcessBuilder("sh", "-c", command).start();
        String printed = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, shell.waitFor());
        assertEquals("[it's][a b][$HOME][`id`][\"x\"][]", printed);
    }

    @Test
    void shipsTheInstallScript() {
        String script = new String(InstallScript.content(), StandardCharsets.UTF_8);

        assertEquals("#!/bin/sh", script.lines().findFirst().orElseThrow());
    }

    @Test
    void copiesTheManagersCaCertificateBesideTheEnrolmentFile() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path ca = Files.writeString(dir.resolve("manager-ca.crt"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");

        Result installed = runScript("install", "--archive", TestArchives.agentArchive(dir).toString(), "--manager", "m:7443",
                "--token", "0a1b2c3d.secret", "--vm", "web1", "--ca", ca.toString(), "--root", root.toString());

        assertEquals(0, installed.exitCode(), installed.output());
        assertEquals(Files.readString(ca), Files.readString(root.resolve("etc/basket-agent/ca.crt")));
        assertTrue(installed.output().contains("wrote the manager's CA certificate to " + root + "/etc/basket-agent/ca.crt"),
                installed.output());
    }

    @Test
    void refusesACaFileThatIsNotACertificate() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path notPem = Files.writeString(dir.resolve("ca.txt"), "hello\n");

        Result refused = runScript("install", "--archive", TestArchives.agentArchive(dir).toString(), "--manager", "m:7443",
                "--token", "0a1b2c3d.secret", "--ca", notPem.toString(), "--root", root.toString());

        assertEquals(1, refused.exitCode());
        assertEquals("basket-agent-install: error: " + notPem + " is not a PEM certificate\n", refused.output());
        assertTrue(Files.notExists(root.resolve("opt/basket-agent")));
    }

    private record Result(int exitCode, String output) {
    }

    private Result runScript(String... arguments) throws Exception {
        Path script = Files.write(dir.resolve("basket-agent-install.sh"), InstallScript.content());
        List<String> command = new ArrayList<>(List.of("sh", script.toString()));
        command.addAll(List.of(arguments));
        Process shell = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(shell.waitFor(), output);
    }
}

package org.basket.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstallScriptTest {

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
}

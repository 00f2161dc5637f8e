package org.basket.northbound.cim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** sblim's {@code wbemcli}, the real CIM client, run by a test: its output and exit code. */
record Wbemcli(int exitCode, String output) {

    static Wbemcli run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wbemcli", "-nl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("wbemcli did not finish in 30 s: " + command);
        }
        return new Wbemcli(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    List<String> lines() {
        return output.lines().filter(line -> !line.isBlank()).toList();
    }
}

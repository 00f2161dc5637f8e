package org.basket.agent.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What this test JVM logged so far (the pom sends slf4j-simple's output to a file). */
final class LogFile {

    private LogFile() {
    }

    static boolean contains(String text) throws IOException {
        String file = System.getProperty("org.slf4j.simpleLogger.logFile");
        if (file == null || file.equals("System.err")) {
            throw new IllegalStateException("run through Maven: the pom sends the test log to a file");
        }
        return Files.readAllLines(Path.of(file)).stream().anyMatch(line -> line.contains(text));
    }
}

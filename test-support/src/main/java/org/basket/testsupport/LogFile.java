package org.basket.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The log lines written so far by this test JVM (slf4j-simple writes to the file the pom names). */
public final class LogFile {

    private LogFile() {
    }

    public static List<String> lines() throws IOException {
        String file = System.getProperty("org.slf4j.simpleLogger.logFile");
        if (file == null || file.equals("System.err")) {
            throw new IllegalStateException("run through Maven: the pom sends the test log to a file");
        }
        return Files.readAllLines(Path.of(file));
    }

    public static boolean contains(String text) throws IOException {
        return lines().stream().anyMatch(line -> line.contains(text));
    }
}

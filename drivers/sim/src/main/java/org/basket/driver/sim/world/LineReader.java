package org.basket.driver.sim.world;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads lines of at most a given length from a stream: a longer one is an error, never buffered whole. */
final class LineReader {
    private final InputStream in;
    private final int maxLength;

    LineReader(InputStream in, int maxLength) {
        this.in = in;
        this.maxLength = maxLength;
    }

    /** The next line without its line break, or null at the end of the stream. */
    String next() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (line.size() == maxLength) {
                throw new LineTooLongException("a line longer than " + maxLength + " bytes");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    static final class LineTooLongException extends IOException {
        LineTooLongException(String message) {
            super(message);
        }
    }
}

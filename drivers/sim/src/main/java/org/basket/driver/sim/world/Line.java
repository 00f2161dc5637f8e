package org.basket.driver.sim.world;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One line of the world protocol: fields separated by single spaces, each field URL-encoded, so
 * that any name, message or nested line is one field without spaces or line breaks.
 */
final class Line {
    /** The longest answer or event line a client reads, in bytes: the world's status at 10,000 hosts fits. */
    static final int MAX_ANSWER_LENGTH = 64 << 20;
    /** The longest request line the world reads. */
    static final int MAX_REQUEST_LENGTH = 8192;

    private Line() {
    }

    static String join(List<String> fields) {
        return String.join(" ", fields.stream().map(f -> URLEncoder.encode(f, StandardCharsets.UTF_8)).toList());
    }

    static String join(String... fields) {
        return join(Arrays.asList(fields));
    }

    /** The fields of a line; an IllegalArgumentException for a field that is not URL-encoded. */
    static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        if (line.isEmpty()) {
            return fields;
        }
        for (String field : line.split(" ", -1)) {
            fields.add(URLDecoder.decode(field, StandardCharsets.UTF_8));
        }
        return fields;
    }
}

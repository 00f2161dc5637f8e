package org.basket.core;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.basket.core.config.ConfigPids;

/**
 * One case of the engine scenario corpus, read from its folder: {@code cluster}, the configuration in
 * one line per file ({@code host node1 node2 driver=sim}: kind, names, keys), and {@code script}, the
 * timed events ({@code t=2.5s crash host node1}), which starts with comment lines saying what the case
 * shows and ends with {@code end}.
 */
record EngineScenario(String description, Map<String, String> manager, List<File> files, List<Step> steps,
                      Duration end) {
    /** One definition file of the configuration store. */
    record File(String factoryPid, String name, Map<String, Object> raw) {
        String pid() {
            return factoryPid + "-" + name;
        }
    }

    /** One event of the script, at its time since the manager started. */
    record Step(Duration at, String command, int line) {
    }

    private static final Map<String, String> FACTORIES = Map.of("driver", ConfigPids.DRIVER, "host", ConfigPids.HOST,
            "resource", ConfigPids.RESOURCE, "constraint", ConfigPids.CONSTRAINT, "fence", ConfigPids.FENCE);
    private static final Pattern STEP = Pattern.compile("t=(\\d+(?:\\.\\d+)?)(ms|s|m)?\\s+(.+)");

    /** A mistake in a case's files, naming file and line. */
    static final class InputException extends RuntimeException {
        InputException(String message) {
            super(message);
        }
    }

    boolean hasGuestServices() {
        return files.stream().anyMatch(f -> "guest-service".equals(f.raw().get("kind")));
    }

    static EngineScenario read(Path dir, String where) throws IOException {
        Map<String, String> manager = new LinkedHashMap<>();
        List<File> files = new ArrayList<>();
        List<String> cluster = lines(dir.resolve("cluster"), where + "/cluster");
        for (int i = 0; i < cluster.size(); i++) {
            String line = cluster.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            readDefinition(line, where + "/cluster:" + (i + 1), manager, files);
        }
        List<String> script = lines(dir.resolve("script"), where + "/script");
        StringBuilder description = new StringBuilder();
        List<Step> steps = new ArrayList<>();
        Duration end = null;
        for (int i = 0; i < script.size(); i++) {
            String line = script.get(i).strip();
            String at = where + "/script:" + (i + 1);
            if (line.startsWith("#") && steps.isEmpty()) {
                description.append(description.isEmpty() ? "" : " ").append(line.substring(1).strip());
                continue;
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (end != null) {
                throw new InputException(at + ": nothing may follow 'end'");
            }
            Step step = step(line, at, i + 1);
            if (!steps.isEmpty() && step.at().compareTo(steps.get(steps.size() - 1).at()) < 0) {
                throw new InputException(at + ": steps go forward in time");
            }
            if (step.command().equals("end")) {
                end = step.at();
            } else {
                steps.add(step);
            }
        }
        if (description.isEmpty()) {
            throw new InputException(where + "/script: begins with comment lines saying what the case shows");
        }
        if (end == null) {
            throw new InputException(where + "/script: ends with 't=... end', the time the run stops");
        }
        return new EngineScenario(description.toString(), manager, files, steps, end);
    }

    private static void readDefinition(String line, String at, Map<String, String> manager, List<File> files) {
        String[] words = line.split("\\s+");
        List<String> names = new ArrayList<>();
        Map<String, Object> keys = new HashMap<>();
        for (int w = 1; w < words.length; w++) {
            int eq = words[w].indexOf('=');
            if (eq < 0 && keys.isEmpty()) {
                names.add(words[w]);
            } else if (eq > 0) {
                keys.put(words[w].substring(0, eq), words[w].substring(eq + 1));
            } else {
                throw new InputException(at + ": '" + words[w] + "' is neither a name (before the keys) nor key=value");
            }
        }
        if (words[0].equals("manager")) {
            if (!names.isEmpty()) {
                throw new InputException(at + ": the manager has settings, no names: " + names);
            }
            keys.forEach((k, v) -> manager.put(k, (String) v));
            return;
        }
        String factory = FACTORIES.get(words[0]);
        if (factory == null) {
            throw new InputException(at + ": '" + words[0] + "' is not one of manager, " + String.join(", ",
                    new java.util.TreeSet<>(FACTORIES.keySet())));
        }
        if (names.isEmpty()) {
            throw new InputException(at + ": name what the line defines");
        }
        for (String name : names) {
            Map<String, Object> raw = new HashMap<>(keys);
            raw.put("felix.fileinstall.filename", "file:/etc/" + factory + "-" + name + ".cfg");
            files.add(new File(factory, name, raw));
        }
    }

    private static Step step(String line, String at, int number) {
        Matcher m = STEP.matcher(line);
        if (!m.matches()) {
            throw new InputException(at + ": expected 't=<time> <event>' (time: 0, 500ms, 2.5s, 1m), found '" + line + "'");
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        BigDecimal millis = switch (unit) {
            case "ms" -> amount;
            case "m" -> amount.multiply(BigDecimal.valueOf(60_000));
            default -> amount.multiply(BigDecimal.valueOf(1000));
        };
        return new Step(Duration.ofMillis(millis.longValueExact()), m.group(3).strip(), number);
    }

    private static List<String> lines(Path file, String where) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InputException(where + ": missing");
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }
}

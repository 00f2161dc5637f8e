package org.basket.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every {@code ha:} command derives from the one base ({@code shell.support.HaCommand}); tables and JSON come from
 * {@code JsonCommand}, so no command builds its own table or prints to {@code System.out}.
 */
class CommandBaseTest {
    private static final Set<String> BASES = Set.of("HaCommand", "JsonCommand");
    private static final Pattern HA_COMMAND = Pattern.compile("@Command\\(\\s*scope\\s*=\\s*\"ha\"");
    private static final Pattern EXTENDS = Pattern.compile("\\bclass\\s+(\\w+)\\s+extends\\s+(\\w+)");
    private static final Pattern OWN_OUTPUT = Pattern.compile("\\bShellTable\\b|System\\.out\\b");

    @Test
    void everyHaCommandDerivesFromTheOneBase() {
        List<String> problems = new ArrayList<>();
        int commands = 0;
        for (String module : modules()) {
            Map<String, String> superclass = new HashMap<>();
            Map<String, String> fileOf = new HashMap<>();
            Map<String, String> sources = new HashMap<>();
            for (Path file : Repository.mainSources(module)) {
                String source = JavaCode.of(Repository.read(file)).text();
                Matcher extension = EXTENDS.matcher(source);
                String name = file.getFileName().toString().replace(".java", "");
                if (extension.find()) {
                    superclass.put(extension.group(1), extension.group(2));
                }
                fileOf.put(name, Repository.relative(file));
                sources.put(name, Repository.read(file));
            }
            for (Map.Entry<String, String> source : sources.entrySet()) {
                if (HA_COMMAND.matcher(source.getValue()).find()) {
                    commands++;
                    problems.addAll(problems(source.getKey(), fileOf.get(source.getKey()), superclass));
                }
            }
        }
        assertTrue(commands >= 20, "found only " + commands + " ha: commands: were they moved?");
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    @Test
    void aCommandOutsideTheBaseIsNamed() {
        assertEquals(List.of("X.java: X does not derive from HaCommand (its classes: X, Action)"),
                problems("X", "X.java", Map.of("X", "Action")));
        assertEquals(List.of(), problems("Install", "I.java", Map.of("Install", "SshCommand", "SshCommand", "HaCommand")));
    }

    /** What is wrong with one command: a base other than HaCommand's, or output of its own. */
    static List<String> problems(String command, String file, Map<String, String> superclass) {
        List<String> chain = new ArrayList<>(List.of(command));
        String type = command;
        while (superclass.containsKey(type) && !BASES.contains(type) && chain.size() < 10) {
            type = superclass.get(type);
            chain.add(type);
        }
        List<String> problems = new ArrayList<>();
        if (!BASES.contains(type)) {
            problems.add(file + ": " + command + " does not derive from HaCommand (its classes: " + String.join(", ", chain)
                    + ")");
        }
        return problems;
    }

    @Test
    void noCommandPrintsATableOrToSystemOutOfItsOwn() {
        List<String> problems = new ArrayList<>();
        for (String module : modules()) {
            for (Path file : Repository.mainSources(module)) {
                String relative = Repository.relative(file);
                if (relative.contains("/shell/support/")) {
                    continue;
                }
                String code = JavaCode.of(Repository.read(file)).text();
                if (HA_COMMAND.matcher(Repository.read(file)).find() && OWN_OUTPUT.matcher(code).find()) {
                    problems.add(relative + ": prints on its own; use JsonCommand's printTable/printJson or out");
                }
            }
        }
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    private static List<String> modules() {
        return Stream.of("bundles/*", "drivers/*").flatMap(pattern -> Repository.modules(pattern).stream()).toList();
    }
}

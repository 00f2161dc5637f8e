package org.basket.configchecks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.basket.api.config.StrictConfig;

/** Compares the keys the example configurations set with the keys the bundles declare, both ways. */
final class DocumentedKeys {
    private DocumentedKeys() {
    }

    /** An example key that no declaration of its PID (or driver type) has, or an example of no known PID. */
    static List<String> undeclared(List<ExampleFile> examples) {
        List<String> problems = new ArrayList<>();
        for (ExampleFile example : examples) {
            Optional<Class<?>> declaration = Declarations.declarationOf(example.pid());
            if (declaration.isEmpty()) {
                problems.add(example.name() + ": no declaration for PID " + example.pid() + " (Declarations)");
                continue;
            }
            List<Class<?>> driver = example.pid().equals(org.basket.core.config.ConfigPids.DRIVER)
                    ? example.type().map(Declarations.DRIVER_TYPES::get).orElse(List.of()) : List.of();
            for (String key : example.keys()) {
                boolean declared = declares(declaration.get(), key) || driver.stream().anyMatch(type -> declares(type, key))
                        || Declarations.OPEN_ENDED.contains(example.pid());
                if (!declared) {
                    problems.add(example.name() + ": key '" + key + "' is declared by neither "
                            + declaration.get().getSimpleName() + driver.stream().map(type -> " nor " + type.getSimpleName())
                                    .collect(Collectors.joining()));
                }
            }
        }
        return problems;
    }

    /** A declared key that no example of its PID (or, for a driver's keys, of its type) documents. */
    static List<String> undocumented(List<ExampleFile> examples) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Class<?>> entry : allByPid().entrySet()) {
            missing(entry.getValue(), examples.stream().filter(e -> e.pid().equals(entry.getKey())).toList(),
                    "example of " + entry.getKey(), problems);
        }
        Declarations.DRIVER_TYPES.forEach((type, declarations) -> declarations.forEach(declaration -> missing(declaration,
                examples.stream().filter(e -> e.type().equals(Optional.of(type))
                        && e.pid().equals(org.basket.core.config.ConfigPids.DRIVER)).toList(),
                "example of a driver endpoint of type " + type, problems)));
        return problems;
    }

    private static void missing(Class<?> declaration, List<ExampleFile> examples, String where, List<String> problems) {
        Set<String> documented = new TreeSet<>();
        examples.forEach(e -> documented.addAll(e.keys()));
        for (String key : StrictConfig.keys(declaration)) {
            if (!documented.contains(key)) {
                problems.add(declaration.getSimpleName() + ": key '" + key + "' is in no " + where
                        + (examples.isEmpty() ? " (there is none)" : " " + examples.stream().map(ExampleFile::name).toList())
                        + ": set it, or write it commented out (#" + key + " = ...) where it is described");
            }
        }
    }

    private static Map<String, Class<?>> allByPid() {
        Map<String, Class<?>> all = new java.util.TreeMap<>(Declarations.SINGLETONS);
        all.putAll(Declarations.FACTORIES);
        return all;
    }

    private static boolean declares(Class<?> declaration, String key) {
        return StrictConfig.keys(declaration).contains(key) || StrictConfig.matchesPattern(declaration, key);
    }
}

package org.basket.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks the names in the "where" cell of a rule table row: a back-ticked module ({@code `core`}) is the module the names
 * after it are in, until the next module or a {@code ;}; a name is a class ({@code `Observer`}, anywhere in the module),
 * a class in a package ({@code `config.ConfigStore`}), a nested class ({@code `ManagerChannel.PreAuth`}), a method
 * ({@code `Observer.pollAll`}, several as {@code `GuestGateway.report/sync`}), a package ({@code `process`}), a script
 * ({@code `basket-agent-install.sh`}) or a command ({@code `ha:impact`}). Other back-ticked text is not a name.
 */
final class RuleTableNames {
    private static final Pattern TOKEN = Pattern.compile("`([^`]+)`|;");
    private static final Pattern JAVA_NAME = Pattern.compile("[A-Za-z_]\\w*(?:\\.[A-Za-z_]\\w*)*(?:/[a-z_]\\w*)*");
    private static final Pattern SCRIPT = Pattern.compile("([\\w.-]+\\.sh)\\b.*");
    private static final Set<String> COMMANDS = haCommands();

    private RuleTableNames() {
    }

    /** What the cell names that does not exist, one line each. */
    static List<String> missing(String cell) {
        List<String> missing = new ArrayList<>();
        DocModule module = null;
        Matcher token = TOKEN.matcher(cell);
        while (token.find()) {
            String name = token.group(1);
            if (name == null) {
                module = null;
                continue;
            }
            Optional<DocModule> named = DocModule.named(name);
            if (named.isPresent()) {
                module = named.get();
            } else if (name.startsWith("ha:")) {
                if (!COMMANDS.contains(name.substring(3).split(" ")[0])) {
                    missing.add("`" + name + "`: no such command");
                }
            } else if (SCRIPT.matcher(name).matches()) {
                String script = SCRIPT.matcher(name).replaceAll("$1");
                if (module == null || !hasFile(module.folder(), script)) {
                    missing.add("`" + name + "`: no " + script + (module == null ? " (no module named before it)"
                            : " in " + module.folder()));
                }
            } else if (JAVA_NAME.matcher(name).matches()) {
                missing.addAll(missingJavaName(module, name));
            }
        }
        return missing;
    }

    private static List<String> missingJavaName(DocModule module, String name) {
        String[] segments = name.split("\\.");
        if (module == null) {
            // a module written in front of the name: `api.monitor.GuestAgents`
            for (int i = segments.length - 1; i > 0 && module == null; i--) {
                Optional<DocModule> prefix = DocModule.named(String.join(".", List.of(segments).subList(0, i)));
                if (prefix.isPresent() && Character.isUpperCase(segments[i].charAt(0))) {
                    module = prefix.get();
                    segments = List.of(segments).subList(i, segments.length).toArray(String[]::new);
                }
            }
            if (module == null) {
                return List.of("`" + name + "`: no module named before it");
            }
        }
        int type = 0;
        while (type < segments.length && !Character.isUpperCase(segments[type].charAt(0))) {
            type++;
        }
        String packageName = Stream.concat(Stream.of(module.rootPackage()), Stream.of(segments).limit(type))
                .collect(Collectors.joining("."));
        if (type == segments.length) {
            Path folder = Repository.ROOT.resolve(module.folder()).resolve("src/main/java")
                    .resolve(packageName.replace('.', '/'));
            return Files.isDirectory(folder) ? List.of() : List.of("`" + name + "`: no package " + packageName);
        }
        List<SourceIndex.Type> candidates = SourceIndex.of(module.folder()).types(segments[type], packageName, type == 0);
        if (candidates.isEmpty()) {
            return List.of("`" + name + "`: no class " + segments[type] + " in " + packageName
                    + (type == 0 ? " or below" : ""));
        }
        List<String> missing = new ArrayList<>();
        for (int i = type + 1; i < segments.length; i++) {
            String member = segments[i];
            if (Character.isUpperCase(member.charAt(0))) {
                if (candidates.stream().noneMatch(c -> SourceIndex.declaresType(c.code(), member))) {
                    missing.add("`" + name + "`: no class " + member + " in " + candidates.get(0).file());
                }
            } else {
                for (String method : member.split("/")) {
                    if (candidates.stream().noneMatch(c -> SourceIndex.declaresMethod(c.code(), method))) {
                        missing.add("`" + name + "`: no method " + method + " in " + candidates.get(0).file());
                    }
                }
            }
        }
        return missing;
    }

    private static boolean hasFile(String folder, String fileName) {
        try (Stream<Path> files = Files.walk(Repository.ROOT.resolve(folder))) {
            return files.anyMatch(file -> file.getFileName().toString().equals(fileName) && !file.toString().contains("/target/"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> haCommands() {
        Pattern command = Pattern.compile("scope\\s*=\\s*\"ha\"\\s*,\\s*name\\s*=\\s*\"([\\w-]+)\"");
        Set<String> names = new TreeSet<>();
        for (String parent : List.of("bundles/*", "drivers/*", "agent/*")) {
            for (String module : Repository.modules(parent)) {
                for (Path file : Repository.mainSources(module)) {
                    command.matcher(Repository.read(file)).results().forEach(result -> names.add(result.group(1)));
                }
            }
        }
        return names;
    }
}

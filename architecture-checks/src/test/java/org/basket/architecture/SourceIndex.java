package org.basket.architecture;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The types a module's main sources declare, by simple name, each with its package and the code of its file. */
final class SourceIndex {
    private static final Pattern TYPE = Pattern.compile("\\b(?:class|interface|enum|record)\\s+([A-Z]\\w*)");
    private static final Map<String, SourceIndex> MODULES = new HashMap<>();

    record Type(String packageName, String file, String code) {
    }

    private final Map<String, List<Type>> types = new HashMap<>();

    private SourceIndex(String folder) {
        for (Path file : Repository.mainSources(folder)) {
            JavaCode code = JavaCode.of(Repository.read(file));
            Matcher matcher = TYPE.matcher(code.text());
            while (matcher.find()) {
                types.computeIfAbsent(matcher.group(1), name -> new ArrayList<>())
                        .add(new Type(code.packageName(), Repository.relative(file), code.text()));
            }
        }
    }

    static synchronized SourceIndex of(String folder) {
        return MODULES.computeIfAbsent(folder, SourceIndex::new);
    }

    /** The files declaring a type of that simple name in that package or, with {@code orBelow}, one of its sub-packages. */
    List<Type> types(String simpleName, String packageName, boolean orBelow) {
        return types.getOrDefault(simpleName, List.of()).stream()
                .filter(type -> type.packageName.equals(packageName)
                        || orBelow && type.packageName.startsWith(packageName + "."))
                .toList();
    }

    /** Whether the code declares a method of that name, or a record with a component of that name. */
    static boolean declaresMethod(String code, String name) {
        Matcher method = Pattern.compile("([\\w>\\]]+)\\s+" + Pattern.quote(name) + "\\s*\\(").matcher(code);
        while (method.find()) {
            if (!List.of("return", "new", "throw", "else", "case", "yield").contains(method.group(1))) {
                return true;
            }
        }
        Matcher record = Pattern.compile("\\brecord\\s+\\w+\\s*(?:<[^>]*>)?\\s*\\(([^)]*)\\)").matcher(code);
        while (record.find()) {
            if (Pattern.compile("\\b" + Pattern.quote(name) + "\\s*(?:,|$)").matcher(record.group(1).strip()).find()) {
                return true;
            }
        }
        return false;
    }

    static boolean declaresType(String code, String name) {
        return Pattern.compile("\\b(?:class|interface|enum|record)\\s+" + Pattern.quote(name) + "\\b").matcher(code).find();
    }
}

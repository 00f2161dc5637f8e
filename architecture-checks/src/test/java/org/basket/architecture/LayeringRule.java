package org.basket.architecture;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the main code of some modules may name: of Basket ({@code org.basket.*}) only the {@code allowed} packages (and
 * their sub-packages), and nothing under the {@code forbidden} ones. {@code ${name}} in a package stands for the module
 * folder's name ({@code drivers/sim}: {@code sim}).
 *
 * @param modules a module folder ({@code bundles/api}) or every module of a folder ({@code drivers/*})
 * @param says    the rule in words, for the failure message
 */
record LayeringRule(String modules, String says, List<String> allowed, List<String> forbidden) {

    LayeringRule(String modules, String says, List<String> allowed) {
        this(modules, says, allowed, List.of());
    }

    /** Every break of the rule in the modules' main sources, one line each naming file, line and name. */
    List<String> violations() {
        List<String> found = new ArrayList<>();
        List<String> matched = Repository.modules(modules);
        for (String module : matched) {
            List<Path> sources = Repository.mainSources(module);
            if (sources.isEmpty()) {
                found.add(modules + ": " + module + " has no main Java sources; was it moved? (" + says + ")");
            }
            for (Path file : sources) {
                found.addAll(violations(module, Repository.relative(file), Repository.read(file)));
            }
        }
        if (matched.isEmpty()) {
            found.add(modules + ": no such module; was it moved? (" + says + ")");
        }
        return found;
    }

    /** The breaks of the rule in one source file of {@code module}. */
    List<String> violations(String module, String file, String source) {
        String name = module.substring(module.lastIndexOf('/') + 1);
        List<String> mayName = allowed.stream().map(p -> p.replace("${name}", name)).toList();
        JavaCode code = JavaCode.of(source);
        List<String> found = new ArrayList<>();
        for (JavaCode.Reference reference : code.references("org.basket")) {
            if (mayName.stream().noneMatch(p -> within(reference.packageName(), p))) {
                found.add(file + ":" + reference.line() + " names " + reference.name() + ": " + says);
            }
        }
        for (String root : forbidden) {
            for (JavaCode.Reference reference : code.references(root)) {
                found.add(file + ":" + reference.line() + " names " + reference.name() + ": " + says);
            }
        }
        return found;
    }

    private static boolean within(String packageName, String allowedPackage) {
        return packageName.equals(allowedPackage) || packageName.startsWith(allowedPackage + ".");
    }
}

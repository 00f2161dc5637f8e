package org.basket.architecture;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Exported packages and their versions: as the modules' package-info.java files declare them, and as the doc lists them. */
final class ExportedPackages {
    private static final String NO_VERSION = "no version";
    private static final Pattern VERSION = Pattern.compile("@(?:org\\.osgi\\.annotation\\.versioning\\.)?Version\\(\"([^\"]+)\"\\)");
    private static final Pattern EXPORT = Pattern.compile("@(?:org\\.osgi\\.annotation\\.bundle\\.)?Export\\b");
    /** {@code exports `org.basket.api.*` (`model` 1.1.0, `fence` and `plan` 1.0.0)} */
    private static final Pattern LISTED = Pattern.compile("exports `([\\w.]+)\\.\\*` \\(([^)]*)\\)");
    /** {@code exports `org.basket.scheduler` 1.1.0}, {@code exports `org.basket.channel.{protocol,pki}` 1.0.0} */
    private static final Pattern SINGLE = Pattern.compile("exports `([\\w.]+)(?:\\.\\{([\\w,]+)\\})?`(?: (\\d+\\.\\d+\\.\\d+))?");
    private static final Pattern NAMES_THEN_VERSION = Pattern.compile("([^0-9]*?)(\\d+\\.\\d+\\.\\d+)");

    private ExportedPackages() {
    }

    /** "module package" to version, for every package a module's package-info.java exports. */
    static Map<String, String> declared() {
        Map<String, String> packages = new TreeMap<>();
        for (String parent : List.of("bundles/*", "drivers/*", "agent/*")) {
            for (String module : Repository.modules(parent)) {
                for (Path file : Repository.mainSources(module)) {
                    if (file.getFileName().toString().equals("package-info.java")) {
                        String source = Repository.read(file);
                        if (EXPORT.matcher(source).find()) {
                            Matcher version = VERSION.matcher(source);
                            packages.put(module + " " + JavaCode.of(source).packageName(),
                                    version.find() ? version.group(1) : NO_VERSION);
                        }
                    }
                }
            }
        }
        return packages;
    }

    /** "module package" to version, for every package the modules table of docs/ARCHITECTURE.md says a module exports. */
    static Map<String, String> documented() {
        Map<String, String> packages = new TreeMap<>();
        for (String row : ArchitectureDoc.rows("## Modules")) {
            String[] cells = row.split("\\|");
            String module = cells[1].strip().replace("`", "");
            String osgi = cells[3];
            Matcher listed = LISTED.matcher(osgi);
            if (listed.find()) {
                Matcher group = NAMES_THEN_VERSION.matcher(listed.group(2));
                while (group.find()) {
                    Matcher name = Pattern.compile("`(\\w+)`").matcher(group.group(1));
                    while (name.find()) {
                        packages.put(module + " " + listed.group(1) + "." + name.group(1), group.group(2));
                    }
                }
                continue;
            }
            Matcher single = SINGLE.matcher(osgi);
            if (single.find()) {
                String version = single.group(3) == null ? NO_VERSION : single.group(3);
                if (single.group(2) == null) {
                    packages.put(module + " " + single.group(1), version);
                } else {
                    for (String sub : single.group(2).split(",")) {
                        packages.put(module + " " + single.group(1) + "." + sub, version);
                    }
                }
            }
        }
        return packages;
    }
}

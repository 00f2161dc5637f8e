package org.basket.core.provision;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.basket.api.config.ConfigException;
import org.basket.api.config.StrictConfig;

/**
 * A VM template: {@code etc/templates/<name>.xml}, a domain definition with placeholders ({@code ${name}},
 * {@code ${cpus}}, {@code ${memory.mb}}, {@code ${memory.kib}}, {@code ${disk.path}}, {@code ${network}}), and
 * {@code etc/templates/<name>.cfg}, its settings ({@link TemplateConfig}; may be absent: the defaults). A template with
 * settings and no definition is one the hypervisor keeps under that name (vSphere: a VM marked as template), cloned
 * ({@link #cloned}).
 */
public record Template(String name, String definition, TemplateConfig settings) {
    /** The placeholders a definition may use. */
    static final java.util.Set<String> PLACEHOLDERS = java.util.Set.of("name", "cpus", "memory.mb", "memory.kib",
            "disk.path", "network");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)\\}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final long MAX_BYTES = 1 << 20;

    /** @throws IllegalArgumentException naming the file and what is wrong with it */
    public static Template load(Path etc, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("template '" + name + "': a name is letters, digits, '_', '.', '-'");
        }
        Path dir = etc.resolve("templates");
        Path xml = dir.resolve(name + ".xml");
        String definition;
        try {
            if (Files.size(xml) > MAX_BYTES) {
                throw new IllegalArgumentException(xml + ": larger than 1 MiB");
            }
            definition = Files.readString(xml);
        } catch (NoSuchFileException e) {
            if (Files.exists(dir.resolve(name + ".cfg"))) {
                return new Template(name, "", settings(dir.resolve(name + ".cfg")));
            }
            throw new IllegalArgumentException("no template '" + name + "': " + xml + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException(xml + ": cannot be read: " + e.getMessage());
        }
        Matcher used = PLACEHOLDER.matcher(definition);
        while (used.find()) {
            if (!PLACEHOLDERS.contains(used.group(1))) {
                throw new IllegalArgumentException(xml + ": unknown placeholder ${" + used.group(1) + "} (known: "
                        + String.join(", ", new java.util.TreeSet<>(PLACEHOLDERS)) + ")");
            }
        }
        return new Template(name, definition, settings(dir.resolve(name + ".cfg")));
    }

    /** A template the hypervisor keeps and clones: no definition of Basket's. */
    public boolean cloned() {
        return definition.isEmpty();
    }

    /** The definition with every placeholder replaced by its value, XML-escaped. */
    public String render(Map<String, String> values) {
        Matcher used = PLACEHOLDER.matcher(definition);
        StringBuilder out = new StringBuilder();
        while (used.find()) {
            used.appendReplacement(out, Matcher.quoteReplacement(escape(values.get(used.group(1)))));
        }
        used.appendTail(out);
        return out.toString();
    }

    private static TemplateConfig settings(Path cfg) {
        Map<String, Object> raw = new HashMap<>();
        if (Files.exists(cfg)) {
            Properties read = new Properties();
            try (InputStream in = Files.newInputStream(cfg)) {
                read.load(in);
            } catch (IOException e) {
                throw new IllegalArgumentException(cfg + ": cannot be read: " + e.getMessage());
            }
            read.forEach((k, v) -> raw.put(k.toString(), v.toString().trim()));
        }
        try {
            TemplateConfig settings = StrictConfig.read(TemplateConfig.class, raw);
            Sizes.parse(settings.disk_size());
            return settings;
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.describe(cfg.toString()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(cfg + ": disk.size: " + e.getMessage());
        }
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;")
                .replace("\"", "&quot;");
    }
}

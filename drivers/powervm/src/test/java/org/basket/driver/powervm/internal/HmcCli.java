package org.basket.driver.powervm.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The HMC command line of the simulated HMC, acting on its {@link HmcWorld}: the commands Debian's {@code fence_lpar}
 * (fence-agents 4.12, HMC version 4, its default) sends, in the formats of IBM's HMC command reference:
 * <ul>
 * <li>{@code lssyscfg -r lpar -m SYSTEM [--filter lpar_names=NAME] [-F a:b|a,b]}: one line per partition, all
 * attributes as {@code name=value,...} or the {@code -F} fields joined by the separator; partition states as the
 * HMC shows them ({@code Running}, {@code Not Activated}, ...); {@code lssyscfg -r sys [-F ...]} for the systems;</li>
 * <li>{@code chsysstate -r lpar -m SYSTEM -n NAME -o shutdown --immed} (forced off) and {@code -o on -f PROFILE};</li>
 * <li>{@code lscomgmt -m SYSTEM}; a {@code `command`} substitution inside a line, as the HMC's restricted bash does.</li>
 * </ul>
 * Limits, the simulator's choices: every partition has the one profile {@code default}; HSCL codes and wording of
 * refusals; partitions of a system in {@code error} can still be powered off and on (a system in another state than
 * operating, standby or error refuses); {@code lscomgmt} says no system is co-managed; nothing else of the CLI.
 */
final class HmcCli {
    static final String NO_RESULTS = "No results were found.";
    private static final Pattern SUBSTITUTION = Pattern.compile("`([^`]*)`");
    private static final String PROFILE = "default";

    private final HmcWorld world;

    HmcCli(HmcWorld world) {
        this.world = world;
    }

    /** The output of one command line, as the HMC prints it (no trailing newline). */
    String run(String line) {
        Matcher inner = SUBSTITUTION.matcher(line);
        StringBuilder expanded = new StringBuilder();
        while (inner.find()) {
            inner.appendReplacement(expanded, Matcher.quoteReplacement(run(inner.group(1)).strip()));
        }
        inner.appendTail(expanded);
        List<String> words = words(expanded.toString());
        if (words.isEmpty()) {
            return "";
        }
        synchronized (world) {
            try {
                return switch (words.get(0)) {
                    case "lssyscfg" -> lssyscfg(options(words));
                    case "chsysstate" -> chsysstate(options(words));
                    case "lscomgmt" -> "is_comgmt_capable=0,name=" + system(options(words)).name;
                    default -> "rbash: " + words.get(0) + ": command not found";
                };
            } catch (HmcRefusal e) {
                return e.getMessage();
            }
        }
    }

    private String lssyscfg(Map<String, String> options) throws HmcRefusal {
        String fields = options.get("-F");
        if ("sys".equals(options.get("-r"))) {
            return lines(world.systems.values().stream().map(this::attributes).toList(), fields);
        }
        if (!"lpar".equals(options.get("-r"))) {
            throw new HmcRefusal("HSCL0001 The resource type " + options.get("-r") + " is not supported by the simulator");
        }
        SimulatedSystem system = system(options);
        String filter = options.getOrDefault("--filter", "");
        String only = filter.startsWith("lpar_names=") ? filter.substring("lpar_names=".length()) : null;
        List<Map<String, String>> partitions = world.partitions.values().stream()
                .filter(l -> l.system == system && (only == null || l.name.equals(only))).map(this::attributes).toList();
        return partitions.isEmpty() ? NO_RESULTS : lines(partitions, fields);
    }

    private String chsysstate(Map<String, String> options) throws HmcRefusal {
        SimulatedSystem system = system(options);
        SimulatedPartition lpar = world.partitions.values().stream()
                .filter(l -> l.system == system && l.name.equals(options.get("-n"))).findFirst()
                .orElseThrow(() -> new HmcRefusal("HSCL8012 The partition " + options.get("-n") + " was not found on managed system "
                        + system.name + "."));
        if (!List.of("operating", "standby", "error").contains(system.state)) {
            throw new HmcRefusal("HSCL0237 The managed system " + system.name + " is in state " + cliState(system.state) + ".");
        }
        String operation = options.getOrDefault("-o", "");
        if (operation.equals("shutdown") && options.containsKey("--immed")) {
            lpar.state = "not activated";
        } else if (operation.equals("on")) {
            if (!PROFILE.equals(options.get("-f"))) {
                throw new HmcRefusal("HSCL0011 The profile " + options.get("-f") + " was not found for partition " + lpar.name + ".");
            }
            if (!lpar.state.equals("not activated")) {
                throw new HmcRefusal("HSCL05DF The partition is not in a state under which this operation can be performed.");
            }
            lpar.state = "running";
        } else {
            throw new HmcRefusal("HSCL0001 chsysstate -o " + operation + " is not supported by the simulator");
        }
        world.record(lpar.name + " " + cliState(lpar.state) + " by chsysstate -o " + operation);
        return "";
    }

    private SimulatedSystem system(Map<String, String> options) throws HmcRefusal {
        String name = options.getOrDefault("-m", "");
        return world.systems.values().stream().filter(s -> s.name.equals(name)).findFirst()
                .orElseThrow(() -> new HmcRefusal("HSCL8012 The managed system " + name + " was not found."));
    }

    private Map<String, String> attributes(SimulatedPartition lpar) {
        return Map.of("name", lpar.name, "lpar_id", String.valueOf(lpar.id), "lpar_env", "aixlinux", "state", cliState(lpar.state),
                "resource_config", "1", "os_version", "Unknown", "default_profile", PROFILE, "curr_profile", PROFILE);
    }

    private Map<String, String> attributes(SimulatedSystem system) {
        return Map.of("name", system.name, "state", cliState(system.state), "type_model", "9080-M9S",
                "serial_num", system.name.substring(system.name.lastIndexOf('-') + 1));
    }

    private static final List<String> ORDER = List.of("name", "lpar_id", "lpar_env", "state", "resource_config", "os_version",
            "type_model", "serial_num", "default_profile", "curr_profile");

    /** All attributes in the HMC's order, or the {@code -F} fields joined by the separator given between them. */
    private static String lines(List<Map<String, String>> objects, String fields) {
        if (fields == null) {
            return objects.stream().map(o -> ORDER.stream().filter(o::containsKey).map(k -> k + "=" + o.get(k))
                    .collect(Collectors.joining(","))).collect(Collectors.joining("\n"));
        }
        String separators = fields.replaceAll("[a-z_]", "");
        String separator = separators.isEmpty() ? "," : separators.substring(0, 1);
        List<String> names = List.of(fields.split(Pattern.quote(separator)));
        return objects.stream().map(o -> names.stream().map(n -> o.getOrDefault(n, "null")).collect(Collectors.joining(separator)))
                .collect(Collectors.joining("\n"));
    }

    /** The HMC CLI's spelling of a state the REST API gives in lower case: "not activated" is "Not Activated". */
    static String cliState(String state) {
        if (state.equals("migrating running")) {
            return "Migrating - Running";
        }
        return Pattern.compile("\\b[a-z]").matcher(state).replaceAll(m -> m.group().toUpperCase(Locale.ROOT));
    }

    private static Map<String, String> options(List<String> words) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            boolean hasValue = i + 1 < words.size() && !words.get(i + 1).startsWith("-");
            options.put(word, hasValue ? words.get(++i) : "");
        }
        return options;
    }

    /** Words of a line as a shell splits them: blanks separate, single and double quotes group. */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}

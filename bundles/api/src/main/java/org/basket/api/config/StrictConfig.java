package org.basket.api.config;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads raw configuration properties into an annotation-typed view (the {@code @ObjectClassDefinition}
 * type that declares the keys; a method's default value is the key's default), strictly: unknown keys,
 * missing required keys (no default) and values of the wrong type are one {@link ConfigException}
 * naming every such key, with its value (never an unknown key's: it may be a misspelt password; never
 * a secret's, see {@link #isSecret}). Keys follow Declarative Services' naming: {@code memory_mb()} is
 * {@code memory.mb}, {@code with$()} is {@code with}, {@code a__b()} is {@code a_b},
 * {@code anti$_$affinity()} is {@code anti-affinity}. Types: String, int, long, boolean, String[]
 * (comma-separated). Keys of a name each (e.g. {@code host.node3.cpus}) are declared by {@link KeyPatterns}.
 */
public final class StrictConfig {
    /** Prefixes of the keys that Config Admin, File Install and Declarative Services add; never the user's. */
    private static final List<String> FRAMEWORK_PREFIXES = List.of("service.", "felix.", "component.", "osgi.");
    private static final String FILENAME = "felix.fileinstall.filename";

    private StrictConfig() {
    }

    public static <A> A read(Class<A> type, Map<String, ?> raw) throws ConfigException {
        return read(type, raw, new Class<?>[0]);
    }

    /**
     * As {@link #read(Class, Map)}, for a configuration that {@code type} and {@code shared} declare together
     * (e.g. a monitor type's own keys and the control commands' every such type has): a key neither declares
     * is unknown; read the shared ones with {@code read(sharedType, raw, true)}.
     */
    public static <A> A read(Class<A> type, Map<String, ?> raw, Class<?>... shared) throws ConfigException {
        KeyProblems problems = new KeyProblems();
        A view = read(type, raw, problems, shared);
        problems.throwIfAny();
        return view;
    }

    /**
     * As {@link #read(Class, Map, Class...)}, but every problem goes to {@code problems} instead of being
     * thrown, a bad or missing key reading as its default (or 0, false, empty), so that the caller checks the
     * rest too and one {@link KeyProblems#throwIfAny()} names every bad key of the configuration.
     */
    public static <A> A read(Class<A> type, Map<String, ?> raw, KeyProblems problems, Class<?>... shared) {
        List<Class<?>> declarations = new ArrayList<>(List.of(shared));
        declarations.add(0, type);
        Set<String> known = new TreeSet<>();
        declarations.forEach(declaration -> known.addAll(keys(declaration)));
        List<String> unknown = new TreeSet<>(raw.keySet()).stream().filter(key -> !known.contains(key) && !isFrameworkKey(key)
                && declarations.stream().noneMatch(d -> matchesPattern(d, key))).toList();
        unknown.forEach(key -> problems.add(key, "unknown key"));
        if (!unknown.isEmpty()) {
            problems.amendLast(" (known keys: " + String.join(", ", known)
                    + declarations.stream().map(StrictConfig::patterns).collect(Collectors.joining()) + ")");
        }
        return view(type, raw, problems);
    }

    /** As {@link #read(Class, Map)}; with {@code allowExtraKeys} unknown keys are left to the caller. */
    public static <A> A read(Class<A> type, Map<String, ?> raw, boolean allowExtraKeys) throws ConfigException {
        if (!allowExtraKeys) {
            return read(type, raw, new Class<?>[0]);
        }
        KeyProblems problems = new KeyProblems();
        A view = view(type, raw, problems);
        problems.throwIfAny();
        return view;
    }

    private static <A> A view(Class<A> type, Map<String, ?> raw, KeyProblems problems) {
        Map<String, Method> byKey = new TreeMap<>();
        for (Method method : type.getDeclaredMethods()) {
            byKey.put(keyOf(method.getName()), method);
        }
        Map<String, Object> values = new HashMap<>();
        for (Map.Entry<String, Method> entry : byKey.entrySet()) {
            Method method = entry.getValue();
            Object value = raw.get(entry.getKey());
            if (value == null || value.toString().isBlank() && !method.getReturnType().equals(String.class)) {
                if (method.getDefaultValue() == null) {
                    problems.add(entry.getKey(), "missing required key");
                }
                values.put(method.getName(), fallback(method));
            } else {
                try {
                    values.put(method.getName(), convert(entry.getKey(), value, method.getReturnType()));
                } catch (ConfigException e) {
                    problems.add(e);
                    values.put(method.getName(), fallback(method));
                }
            }
        }
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> values.containsKey(method.getName()) ? values.get(method.getName())
                        : method.getName().equals("toString") ? type.getSimpleName() + values : null));
    }

    /** What a bad or missing key reads as, so that the other keys can still be checked: its default, else empty. */
    private static Object fallback(Method method) {
        Object declared = method.getDefaultValue();
        Class<?> type = method.getReturnType();
        return declared != null ? declared : type == int.class ? 0 : type == long.class ? 0L : type == boolean.class
                ? false : type == String[].class ? new String[0] : "";
    }

    public static boolean isFrameworkKey(String key) {
        return FRAMEWORK_PREFIXES.stream().anyMatch(key::startsWith);
    }

    /** The configuration keys a type declares, in order. */
    public static Set<String> keys(Class<?> type) {
        Set<String> keys = new TreeSet<>();
        Arrays.stream(type.getDeclaredMethods()).forEach(m -> keys.add(keyOf(m.getName())));
        return keys;
    }

    /** Whether a key is one of the type's {@link KeyPatterns}. */
    public static boolean matchesPattern(Class<?> type, String key) {
        KeyPatterns patterns = type.getAnnotation(KeyPatterns.class);
        return patterns != null && Arrays.stream(patterns.value()).anyMatch(key::matches);
    }

    private static String patterns(Class<?> type) {
        KeyPatterns patterns = type.getAnnotation(KeyPatterns.class);
        return patterns == null ? "" : ", and keys matching " + String.join(", ", patterns.value());
    }

    /** The key of an annotation method, by Declarative Services' naming. */
    public static String keyOf(String methodName) {
        return methodName.replace("$_$", "-").replace("__", "\u0000").replace('_', '.').replace('\u0000', '_')
                .replace("$", "");
    }

    /** Where a configuration came from, for messages: the file name File Install read it from, else the PID. */
    public static String source(String pid, Map<String, ?> raw) {
        Object file = raw.get(FILENAME);
        if (file == null) {
            return pid;
        }
        String path = file.toString();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Whether a key holds a secret, by its name: password, passphrase, secret, token, key. */
    public static boolean isSecret(String key) {
        return key.toLowerCase(Locale.ROOT).matches(".*(password|passwd|passphrase|secret|token|key).*");
    }

    /** A value as messages may show it: a secret's masked. */
    static String shown(String key, String value) {
        return isSecret(key) ? "****" : value;
    }

    private static String text(Object value) {
        return value instanceof Object[] array ? String.join(",", Arrays.stream(array).map(String::valueOf).toList())
                : String.valueOf(value).trim();
    }

    private static Object convert(String key, Object value, Class<?> type) throws ConfigException {
        if (type.isInstance(value)) {
            return value;
        }
        String text = text(value);
        try {
            if (type == String.class) {
                return text;
            }
            if (type == int.class) {
                return Integer.parseInt(text);
            }
            if (type == long.class) {
                return Long.parseLong(text);
            }
            if (type == boolean.class) {
                return parseBoolean(key, text);
            }
            if (type == String[].class) {
                return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toArray(String[]::new);
            }
        } catch (NumberFormatException e) {
            throw new ConfigException(key, text, "not a whole number");
        }
        throw new IllegalStateException("unsupported configuration type " + type + " for key " + key);
    }

    private static boolean parseBoolean(String key, String text) throws ConfigException {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "true":
            case "yes":
                return true;
            case "false":
            case "no":
                return false;
            default:
                throw new ConfigException(key, text, "not true or false");
        }
    }
}

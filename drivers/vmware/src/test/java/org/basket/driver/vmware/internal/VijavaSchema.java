package org.basket.driver.vmware.internal;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarFile;

import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.ws.VimStub;

/**
 * What vijava knows of the vSphere API, read from its classes by reflection, in the format the simulator's
 * compat.go reads: its data types (enumerations too) with their fields, and what each method returns.
 */
final class VijavaSchema {
    private static final String PACKAGE = "com.vmware.vim25";

    private VijavaSchema() {
    }

    static void write(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Class<?> type : dataTypes()) {
            Class<?> parent = type.getSuperclass();
            lines.add("t " + type.getSimpleName() + " " + (inPackage(parent) ? parent.getSimpleName() : "-"));
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isPublic(field.getModifiers()) && !Modifier.isStatic(field.getModifiers())) {
                    lines.add("f " + type.getSimpleName() + " " + field.getName().replaceFirst("^_", "") + " " + name(field.getType()));
                }
            }
        }
        for (Method method : VimStub.class.getDeclaredMethods()) {
            if (Modifier.isPublic(method.getModifiers()) && !method.getName().equals("getWsc")) {
                String op = Character.toUpperCase(method.getName().charAt(0)) + method.getName().substring(1);
                lines.add("m " + op + " " + (method.getReturnType() == void.class ? "-" : name(method.getReturnType())));
            }
        }
        Files.createDirectories(file.getParent());
        Files.write(file, lines);
    }

    private static String name(Class<?> type) {
        Class<?> element = type.isArray() && type != byte[].class ? type.getComponentType() : type;
        if (element == Object.class) {
            return "*";
        }
        if (element.isPrimitive() || element.isEnum() || element == String.class || element == byte[].class
                || Number.class.isAssignableFrom(element) || element == Boolean.class || Calendar.class.isAssignableFrom(element)) {
            return "xsd:string";
        }
        return element.getSimpleName();
    }

    private static boolean inPackage(Class<?> type) {
        return type != null && type.getPackageName().equals(PACKAGE);
    }

    private static TreeSet<Class<?>> dataTypes() throws IOException {
        TreeSet<Class<?>> types = new TreeSet<>((a, b) -> a.getName().compareTo(b.getName()));
        for (String name : classNames()) {
            try {
                Class<?> type = Class.forName(name, false, VijavaSchema.class.getClassLoader());
                if (!type.isInterface()) {
                    types.add(type);
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // a class vijava cannot load is one it cannot parse either
            }
        }
        return types;
    }

    /** The classes of the package, from vijava's jar or from the classes folder the bundle embeds it in. */
    private static List<String> classNames() throws IOException {
        Path location;
        try {
            location = Path.of(ManagedObjectReference.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        List<String> entries = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (var files = Files.list(location.resolve(PACKAGE.replace('.', '/')))) {
                files.forEach(file -> entries.add(location.relativize(file).toString()));
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                jar.stream().forEach(entry -> entries.add(entry.getName()));
            }
        }
        return entries.stream().filter(name -> name.matches("com/vmware/vim25/[A-Za-z0-9_]+\\.class"))
                .map(name -> name.replace('/', '.').replace(".class", "")).toList();
    }
}

package org.basket.shell.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.karaf.shell.api.console.Session;

/** Runs a {@code ha:} command outside Karaf: sets its fields by name as Karaf would, captures what it prints. */
public final class CommandRunner {
    private CommandRunner() {
    }

    /** @return the output with {@code \n} line ends; a command's exception is thrown as it is */
    public static String run(HaCommand command, Map<String, ?> fields) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        fields.forEach((name, value) -> inject(command, name, value));
        inject(command, "session", session(new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        Object result = command.execute();
        if (result != null) {
            throw new AssertionError("commands print their output and return nothing, got " + result);
        }
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    /** A session that only has a console: any other use is a test failure. */
    public static Session session(PrintStream console) {
        return (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getConsole" -> console;
                    case "toString" -> "CommandRunner.session";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException("Session." + method.getName()
                            + " is not expected from a ha: command");
                });
    }

    private static void inject(HaCommand command, String name, Object value) {
        for (Class<?> type = command.getClass(); type != Object.class; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                field.set(command, value);
                return;
            } catch (NoSuchFieldException e) {
                continue;
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError(command.getClass().getSimpleName() + " has no field '" + name + "'");
    }
}

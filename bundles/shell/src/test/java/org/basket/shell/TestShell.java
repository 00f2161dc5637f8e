package org.basket.shell;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.console.CommandLine;
import org.basket.api.cluster.ClusterService;
import org.basket.shell.support.CommandRunner;
import org.basket.shell.support.HaCommand;

/** Runs commands outside Karaf: a fake session whose console is captured, and a fake command line. */
final class TestShell {
    static final String NL = System.lineSeparator();

    private TestShell() {
    }

    /** Sets the command's fields as Karaf would, executes it and returns what it printed. */
    static String execute(HaCommand command, ClusterService cluster, boolean json) {
        try {
            return CommandRunner.run(command, json ? Map.of("cluster", cluster, "json", true) : Map.of("cluster", cluster));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The line {@code ha:command <prefix>} with the cursor at its end, completing the first argument. */
    static CommandLine commandLine(String command, String prefix) {
        String buffer = command + " " + prefix;
        return (CommandLine) Proxy.newProxyInstance(CommandLine.class.getClassLoader(),
                new Class<?>[] {CommandLine.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getCursorArgument" -> prefix;
                    case "getArgumentPosition" -> prefix.length();
                    case "getCursorArgumentIndex" -> 1;
                    case "getArguments" -> new String[] {command, prefix};
                    case "getBuffer" -> buffer;
                    case "getBufferPosition" -> buffer.length();
                    case "toString" -> buffer;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException("CommandLine." + method.getName());
                });
    }

    static List<String> lines(String output) {
        return output.lines().toList();
    }
}

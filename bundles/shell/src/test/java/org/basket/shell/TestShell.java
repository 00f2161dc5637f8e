package org.basket.shell;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Session;
import org.basket.api.cluster.ClusterService;

/** Runs commands outside Karaf: a fake session whose console is captured, and a fake command line. */
final class TestShell {
    static final String NL = System.lineSeparator();

    private TestShell() {
    }

    /** Sets the command's fields as Karaf would, executes it and returns what it printed. */
    static String execute(BasketCommand command, ClusterService cluster, boolean json) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        command.cluster = cluster;
        command.json = json;
        command.session = session(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        Object result = command.execute();
        if (result != null) {
            throw new AssertionError("commands print their output and return nothing, got " + result);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** A session that only has a console: any other use is a test failure. */
    static Session session(PrintStream console) {
        return (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getConsole" -> console;
                    case "toString" -> "TestShell.session";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException("Session." + method.getName()
                            + " is not expected from a ha: command");
                });
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

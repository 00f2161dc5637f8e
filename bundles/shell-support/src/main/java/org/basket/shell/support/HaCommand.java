package org.basket.shell.support;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.Session;

/**
 * Base of every {@code ha:} command: the console, flags written after the arguments, and errors. Bad arguments throw
 * {@link IllegalArgumentException}, which the shell prints as one clear line; output goes to {@link #out}, never to
 * {@code System.out}.
 */
public abstract class HaCommand implements Action {

    @Reference
    protected Session session;

    protected PrintStream out;

    @Override
    public final Object execute() throws Exception {
        out = session.getConsole();
        run();
        return null;
    }

    protected abstract void run() throws Exception;

    /**
     * Karaf reads options only before the first argument, so a flag written after the arguments (as in
     * {@code ha:impact node2 --fail}) arrives as an argument. Applies the command's flags from {@code words}; anything
     * else is rejected with the usage.
     *
     * @param flags the command's own flags that may follow its arguments, each with what it sets
     */
    protected final void trailingFlags(List<String> words, String usage, Map<String, Runnable> flags) {
        Map<String, Runnable> known = new HashMap<>(commonTrailingFlags());
        known.putAll(flags);
        for (String word : words == null ? List.<String>of() : words) {
            Runnable flag = known.get(word);
            if (flag == null) {
                throw new IllegalArgumentException("unexpected '" + word + "': " + usage);
            }
            flag.run();
        }
    }

    /** The flags every command of a kind accepts after its arguments. */
    Map<String, Runnable> commonTrailingFlags() {
        return Map.of();
    }
}

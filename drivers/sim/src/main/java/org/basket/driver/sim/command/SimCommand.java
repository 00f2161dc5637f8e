package org.basket.driver.sim.command;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.basket.driver.sim.Operation;
import org.basket.driver.sim.Datacenter;
import org.basket.driver.sim.SimulatedDatacenter;
import org.basket.driver.sim.internal.SimulatorControl;

/** Base of the simulator's commands: reaches the simulated datacenter, reports misuse as a one-line error. */
public abstract class SimCommand implements Action {

    @Reference
    SimulatorControl control;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        try {
            run(control.world());
            return null;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CommandException(e.getMessage());
        }
    }

    protected abstract void run(Datacenter datacenter);

    /** Says which world a command acted on when it is not this JVM's: " (world process at 127.0.0.1:7001)". */
    protected static String where(Datacenter datacenter) {
        String where = datacenter.where();
        return where.equals(SimulatedDatacenter.IN_THIS_JVM) ? "" : " (" + where + ")";
    }

    protected PrintStream console() {
        return session.getConsole();
    }

    static Operation operation(String name) {
        try {
            return Operation.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown operation '" + name + "' (one of: "
                    + String.join(", ", Arrays.stream(Operation.values()).map(Enum::name).toList()) + ")");
        }
    }
}

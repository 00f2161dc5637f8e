package org.basket.core;

import java.util.Locale;

import org.basket.driver.sim.Operation;
import org.basket.driver.sim.SimulatedDatacenter;

/** What a step of an engine scenario's script does to the simulated world or asks of the manager. */
final class ScenarioEvents {
    static final String HELP = "crash host H | power on H | cut contact H | heal contact H | fence H fails"
            + " | fence H works | crash vm V | fail next start|stop|migrate|monitor V|H [N] | hang start|stop|migrate|monitor V"
            + " | clear faults | crash service S in V | silence agent V | agent V answers | standby H on|off";

    private ScenarioEvents() {
    }

    static void apply(String command, SimulatedDatacenter world, ClusterManager manager, String where) {
        String[] w = command.split("\\s+");
        String shape = shape(w);
        switch (shape) {
            case "crash host _" -> world.crashHost(w[2]);
            case "power on _" -> world.powerOn(w[2]);
            case "cut contact _" -> world.cutContact(w[2], true);
            case "heal contact _" -> world.cutContact(w[2], false);
            case "fence _ fails" -> world.failFence(w[1], true);
            case "fence _ works" -> world.failFence(w[1], false);
            case "crash vm _" -> world.crashDomain(w[2]);
            case "fail next _ _" -> world.failNext(operation(w[2], where), w[3], 1);
            case "fail next _ _ _" -> world.failNext(operation(w[2], where), w[3], Integer.parseInt(w[4]));
            case "hang _ _" -> world.hang(operation(w[1], where), w[2]);
            case "clear faults" -> world.clearFaults();
            case "crash service _ in _" -> world.guests().crashService(w[4], w[2]);
            case "silence agent _" -> world.guests().silence(w[2], true);
            case "agent _ answers" -> world.guests().silence(w[1], false);
            case "standby _ on" -> manager.setStandby(w[1], true);
            case "standby _ off" -> manager.setStandby(w[1], false);
            default -> throw new EngineScenario.InputException(where + ": unknown event '" + command + "' (known: "
                    + HELP + ")");
        }
    }

    /** The command with its names replaced by {@code _}: "crash host _". */
    private static String shape(String[] w) {
        StringBuilder shape = new StringBuilder();
        for (int i = 0; i < w.length; i++) {
            boolean name = switch (w[0]) {
                case "crash" -> i == 2 || i == 4;
                case "power", "cut", "heal", "silence" -> i == 2;
                case "fence", "standby", "agent" -> i == 1;
                case "fail" -> i >= 2;
                case "hang" -> i >= 1;
                default -> false;
            };
            shape.append(i == 0 ? "" : " ").append(name ? "_" : w[i]);
        }
        return shape.toString();
    }

    private static Operation operation(String name, String where) {
        try {
            return Operation.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new EngineScenario.InputException(where + ": '" + name + "' is not start, stop, migrate or monitor");
        }
    }
}

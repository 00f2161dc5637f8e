package org.basket.driver.sim.world;

import java.util.List;

/**
 * One call that changes the world (start, stop, migrate, fence-power) as the world received it: when it came
 * and was answered (wall clock, ms since the epoch), the request's words and the kind of its answer ({@code ok},
 * {@code driver-error}, {@code refused}).
 */
public record WorldAction(long receivedMillis, long answeredMillis, List<String> request, String outcome) {
    public WorldAction {
        request = List.copyOf(request);
    }

    public boolean succeeded() {
        return outcome.equals("ok");
    }

    /** The request without its duration or grace argument: what was done to what. */
    public String what() {
        List<String> words = switch (request.get(0)) {
            case "stop" -> request.subList(0, 3);
            case "migrate" -> request.subList(0, 4);
            default -> request;
        };
        return String.join(" ", words);
    }
}

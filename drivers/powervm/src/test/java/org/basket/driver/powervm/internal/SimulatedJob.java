package org.basket.driver.powervm.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A job of the simulated HMC: what was asked (operation, group, target), its status, progress and results. */
final class SimulatedJob {
    final String id;
    final String operation;
    final String group;
    final String target;
    final Map<String, String> parameters;
    volatile String status = "NOT_STARTED";
    volatile int progress;
    final List<String> tasks = new ArrayList<>();
    final Map<String, String> results = new LinkedHashMap<>();
    final long started = System.currentTimeMillis();
    volatile long completed;

    SimulatedJob(String id, String operation, String group, String target, Map<String, String> parameters) {
        this.id = id;
        this.operation = operation;
        this.group = group;
        this.target = target;
        this.parameters = parameters;
    }

    boolean running() {
        return status.equals("NOT_STARTED") || status.equals("RUNNING");
    }

    /** Ends COMPLETED_WITH_ERROR with this HSCL message. */
    void fail(String message) {
        status = "COMPLETED_WITH_ERROR";
        tasks.add("Completed with error");
        results.put("returnCode", "1");
        results.put("result", message);
        completed = System.currentTimeMillis();
    }

    /** Ends COMPLETED_OK. */
    void succeed() {
        progress = 100;
        status = "COMPLETED_OK";
        tasks.add("Complete");
        results.put("returnCode", "0");
        completed = System.currentTimeMillis();
    }
}

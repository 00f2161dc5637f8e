package org.basket.driver.powervm.internal;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.basket.api.driver.DriverException;
import org.w3c.dom.Element;

/**
 * Runs an HMC job: the JobRequest PUT, then {@code GET /rest/api/uom/jobs/<id>} every poll interval until its
 * Status is COMPLETED_OK or COMPLETED_WITH_WARNINGS (done) or COMPLETED_WITH_ERROR (failed, with the job's result
 * text); its progress (LinearProgress and the last completed task) reported as it changes.
 */
final class Jobs {
    private final HmcClient client;
    private final PowervmSettings settings;

    Jobs(HmcClient client, PowervmSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    /** A job followed longer than it was given: it may still run on the HMC. */
    static final class NotFinished extends DriverException {
        private static final long serialVersionUID = 1L;

        NotFinished(String message) {
            super(message);
        }
    }

    /** Runs the job, followed up to the key job.timeout.ms, and returns its Results as name -> value. */
    Map<String, String> run(String target, String operation, String group, Map<String, String> parameters, String what,
                            Consumer<String> progress) throws DriverException {
        return run(target, operation, group, parameters, what, progress, settings.jobTimeout());
    }

    Map<String, String> run(String target, String operation, String group, Map<String, String> parameters, String what,
                            Consumer<String> progress, java.time.Duration timeout) throws DriverException {
        String id = client.startJob(target, operation, group, parameters, what);
        long deadline = System.nanoTime() + timeout.toNanos();
        String reported = "";
        try {
            while (true) {
                Element job = client.read("/rest/api/uom/jobs/" + id, what + ": reading job " + id);
                String status = Xml.text(job, "Status");
                String now = progressOf(job);
                if (!now.isEmpty() && !now.equals(reported)) {
                    reported = now;
                    progress.accept(now);
                }
                switch (status) {
                    case "COMPLETED_OK", "COMPLETED_WITH_WARNINGS" -> {
                        client.deleteJob(id);
                        return results(job);
                    }
                    case "COMPLETED_WITH_ERROR", "FAILED_BEFORE_COMPLETION" -> {
                        client.deleteJob(id);
                        throw new DriverException(what + ": " + operation + " job " + id + " " + status + ": " + failure(job));
                    }
                    default -> { }
                }
                if (System.nanoTime() > deadline) {
                    throw new NotFinished(what + ": " + operation + " job " + id + " still " + status + " after "
                            + timeout.toMillis() + " ms; it may still run on the HMC");
                }
                Thread.sleep(settings.jobPoll().toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException(what + ": interrupted while " + operation + " job " + id + " ran; it may still run on the HMC");
        }
    }

    static Map<String, String> results(Element job) {
        Map<String, String> results = new java.util.TreeMap<>();
        Xml.first(job, "Results").ifPresent(r -> Xml.all(r, "JobParameter").forEach(p ->
                results.put(Xml.text(p, "ParameterName"), Xml.text(p, "ParameterValue"))));
        return results;
    }

    /** The job's result text, else its last completed task, else its status alone. */
    static String failure(Element job) {
        String result = results(job).getOrDefault("result", "");
        if (!result.isEmpty()) {
            return result;
        }
        String message = Xml.text(job, "ResponseException");
        return message.isEmpty() ? lastTask(job).orElse("no reason given") : message;
    }

    /** "40% Transferring memory": the linear progress and the last completed task, as far as the job tells them. */
    static String progressOf(Element job) {
        String linear = Xml.text(job, "LinearProgress");
        String task = lastTask(job).orElse("");
        String percent = linear.isEmpty() ? "" : percent(linear) + "%";
        return (percent + " " + task).trim();
    }

    private static java.util.Optional<String> lastTask(Element job) {
        List<Element> tasks = Xml.first(job, "CompletedTasks").map(t -> Xml.all(t, "UntranslatedMessage")).orElse(List.of());
        return tasks.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(tasks.get(tasks.size() - 1).getTextContent().trim());
    }

    private static String percent(String linear) {
        try {
            return Long.toString(Math.round(Double.parseDouble(linear)));
        } catch (NumberFormatException e) {
            return linear;
        }
    }
}

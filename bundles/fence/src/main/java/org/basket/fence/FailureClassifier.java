package org.basket.fence;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Turns a failed agent run into a {@link FenceAgentException} that says why, quoting the agent. */
final class FailureClassifier {
    private static final Pattern LOG_LINE =
            Pattern.compile("^(?:\\d{4}-\\d\\d-\\d\\d [\\d:,]+ )?(DEBUG|INFO|WARNING|ERROR|CRITICAL):(?:root:)? ?(.*)$");
    /** fencing.py's debug log puts a command's exit code before its output; ipmitool marks some errors with "> ". */
    private static final Pattern EXIT_CODE_PREFIX = Pattern.compile("^\\d+\\s+");
    private static final Pattern ERROR_MARK = Pattern.compile("^>\\s*");
    private static final String USAGE_HINT = "Please use '-h' for usage";
    private static final int MAX_LINE = 200;
    private static final int MAX_EXCEPTION = 600;
    private static final String TRACEBACK = "Traceback (most recent call last):";

    private record Rule(FenceFailure failure, String explanation, List<String> markers) {
    }

    private record Line(String level, String text) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule(FenceFailure.WRONG_CREDENTIALS, "wrong credentials, the device refused the login",
                    List.of("rakp 2 hmac is invalid", "unauthorized", "invalid user name", "activate session command failed",
                            "authentication fail", "permission denied", "login incorrect", "invalid password",
                            "incorrect password", "invalid credentials")),
            new Rule(FenceFailure.UNREACHABLE, "device unreachable or not answering",
                    List.of("get auth capabilities", "connection timed out", "connection refused", "no route to host",
                            "network is unreachable", "name or service not known", "could not resolve",
                            "failed to connect", "unable to connect to")),
            new Rule(FenceFailure.WRONG_CREDENTIALS, "login failed: wrong credentials or the device refused the connection",
                    List.of("unable to connect/login")),
            new Rule(FenceFailure.INVALID_PARAMETERS, "the agent rejected its parameters",
                    List.of("you have to", "parse error", "not a valid", "unrecognised action", "is longer than", "too long",
                            USAGE_HINT.toLowerCase(Locale.ROOT))));

    private FailureClassifier() {
    }

    static FenceAgentException classify(String context, AgentOutput output) {
        List<String> raw = Stream.concat(output.stderr().lines(), output.stdout().lines())
                .filter(line -> !line.isBlank())
                .toList();
        List<Line> lines = raw.stream().map(FailureClassifier::parse).toList();
        List<String> agentSaid = agentSaid(lines, raw, output);
        for (Rule rule : RULES) {
            for (Line line : lines) {
                String text = line.text().toLowerCase(Locale.ROOT);
                if (rule.markers().stream().anyMatch(text::contains)) {
                    return new FenceAgentException(rule.failure(),
                            context + ": " + rule.explanation() + evidence(line.text(), agentSaid));
                }
            }
        }
        return new FenceAgentException(FenceFailure.AGENT_ERROR,
                context + ": the agent failed with exit code " + output.exitCode() + evidence(null, agentSaid));
    }

    private static Line parse(String raw) {
        Matcher matcher = LOG_LINE.matcher(raw.strip());
        if (!matcher.matches()) {
            return new Line("", ERROR_MARK.matcher(raw.strip()).replaceFirst(""));
        }
        String text = matcher.group(2).strip();
        if ("DEBUG".equals(matcher.group(1))) {
            text = EXIT_CODE_PREFIX.matcher(text).replaceFirst("");
        }
        return new Line(matcher.group(1), ERROR_MARK.matcher(text).replaceFirst(""));
    }

    private static List<String> agentSaid(List<Line> lines, List<String> raw, AgentOutput output) {
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            if (("ERROR".equals(line.level()) || "CRITICAL".equals(line.level())) && !line.text().startsWith(USAGE_HINT)) {
                String said = exceptionAfter(raw, i).map(exception -> shorten(line.text()) + " " + exception)
                        .orElse(shorten(line.text()));
                if (!errors.contains(said)) {
                    errors.add(said);
                }
            }
        }
        if (errors.isEmpty()) {
            lastLine(output.stderr()).or(() -> lastLine(output.stdout())).map(FailureClassifier::shorten).ifPresent(errors::add);
        }
        return errors;
    }

    /**
     * Python's {@code logging.exception} (fence_ibmz: "Exception occurred:") puts a traceback after the error line; its
     * last exception, frames and chained tracebacks left out, says why: e.g. {@code ValueError: LPAR/Partition X not
     * found in this HMC.}, or the HMC's answer (status, reason, message) over several lines, joined here.
     */
    private static Optional<String> exceptionAfter(List<String> raw, int errorLine) {
        if (errorLine + 1 >= raw.size() || !raw.get(errorLine + 1).startsWith(TRACEBACK)) {
            return Optional.empty();
        }
        StringBuilder exception = new StringBuilder();
        boolean inException = false;
        for (String line : raw.subList(errorLine + 2, raw.size())) {
            if (LOG_LINE.matcher(line.strip()).matches()) {
                break;
            }
            if (line.startsWith(TRACEBACK) || line.startsWith("During handling of") || line.startsWith("The above exception")) {
                exception.setLength(0);
                inException = false;
            } else if (Character.isWhitespace(line.charAt(0))) {
                inException = false;
            } else {
                if (!inException) {
                    exception.setLength(0);
                }
                exception.append(exception.length() == 0 ? "" : " ").append(line.strip());
                inException = true;
            }
        }
        String text = exception.toString();
        return text.isEmpty() ? Optional.empty() : Optional.of(text.length() <= MAX_EXCEPTION ? text : text.substring(0, MAX_EXCEPTION) + "...");
    }

    private static Optional<String> lastLine(String text) {
        return text.lines().filter(line -> !line.isBlank()).reduce((first, second) -> second).map(line -> parse(line).text());
    }

    private static String evidence(String matched, List<String> agentSaid) {
        List<String> parts = new ArrayList<>();
        if (matched != null && !agentSaid.contains(matched)) {
            parts.add(shorten(matched));
        }
        if (!agentSaid.isEmpty()) {
            parts.add("agent said: " + String.join(" / ", agentSaid));
        }
        return parts.isEmpty() ? "" : " (" + String.join("; ", parts) + ")";
    }

    private static String shorten(String text) {
        return text.length() <= MAX_LINE ? text : text.substring(0, MAX_LINE) + "...";
    }
}

package org.basket.fence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import org.basket.api.fence.PowerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One standard fence agent ({@code fence_*} from fence-agents), run through its stdin protocol: one
 * {@code key=value} per line, {@code action=...} first. Its metadata is read once and every parameter map
 * is validated against it. Agents run verbosely (unless told otherwise) so that a failure can be
 * explained; their output is masked of secret values before anything reads it.
 */
public final class FenceAgent {
    public static final List<Path> DEFAULT_SEARCH_PATH = List.of(Path.of("/usr/sbin"), Path.of("/sbin"), Path.of("/usr/bin"),
            Path.of("/usr/local/sbin"));
    static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(FenceAgent.class);
    private static final Pattern AGENT_NAME = Pattern.compile("fence_[a-z0-9_]+");
    private static final Map<String, String> DIAGNOSTICS = Map.of("verbose", "1", "verbose_level", "2");

    private final String name;
    private final Path executable;
    private volatile AgentMetadata metadata;

    private FenceAgent(String name, Path executable) {
        this.name = name;
        this.executable = executable;
    }

    /** Whether {@code name} is a fence agent's name ({@code fence_[a-z0-9_]+}), installed or not. */
    public static boolean isAgentName(String name) {
        return name != null && AGENT_NAME.matcher(name).matches();
    }

    public static FenceAgent locate(String name) throws FenceAgentException {
        return locate(name, DEFAULT_SEARCH_PATH);
    }

    public static FenceAgent locate(String name, List<Path> searchPath) throws FenceAgentException {
        if (!isAgentName(name)) {
            throw new FenceAgentException(FenceFailure.UNKNOWN_AGENT, "'" + name + "' is not a fence agent name (fence_[a-z0-9_]+)");
        }
        for (Path directory : searchPath) {
            Path candidate = directory.resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return new FenceAgent(name, candidate);
            }
        }
        throw new FenceAgentException(FenceFailure.UNKNOWN_AGENT,
                "fence agent " + name + " not found in " + searchPath + " (is Debian's fence-agents installed?)");
    }

    public String name() {
        return name;
    }

    public Path executable() {
        return executable;
    }

    public AgentMetadata metadata() throws FenceAgentException {
        AgentMetadata known = metadata;
        if (known == null) {
            synchronized (this) {
                known = metadata;
                if (known == null) {
                    known = readMetadata();
                    metadata = known;
                }
            }
        }
        return known;
    }

    public void validate(Map<String, String> parameters) throws FenceAgentException {
        List<String> problems = metadata().problems(parameters);
        if (!problems.isEmpty()) {
            throw new FenceAgentException(FenceFailure.INVALID_PARAMETERS, name + ": " + String.join("; ", problems));
        }
    }

    /** Runs an action that must exit 0; {@link FenceAction#STATUS} succeeds when the power state is known. */
    public void run(FenceAction action, Map<String, String> parameters, Duration timeout) throws FenceAgentException {
        if (action == FenceAction.STATUS) {
            status(parameters, timeout);
            return;
        }
        AgentOutput output = execute(action, parameters, timeout);
        if (output.exitCode() != 0) {
            throw logged(FailureClassifier.classify(context(action, parameters), output));
        }
        LOG.info("{}: done in {} ms", context(action, parameters), output.duration().toMillis());
    }

    public PowerState status(Map<String, String> parameters, Duration timeout) throws FenceAgentException {
        AgentOutput output = execute(FenceAction.STATUS, parameters, timeout);
        PowerState state = switch (output.exitCode()) {
            case 0 -> PowerState.ON;
            case 2 -> PowerState.OFF;
            default -> throw logged(FailureClassifier.classify(context(FenceAction.STATUS, parameters), output));
        };
        LOG.debug("{}: {} in {} ms", context(FenceAction.STATUS, parameters), state, output.duration().toMillis());
        return state;
    }

    /** A name for the device these parameters address, e.g. {@code fence_ipmilan:10.0.0.5:623}; never a credential. */
    public String deviceName(Map<String, String> parameters) {
        StringBuilder device = new StringBuilder(name);
        first(parameters, "ip", "ipaddr").ifPresent(ip -> device.append(':').append(ip));
        first(parameters, "ipport").ifPresent(port -> device.append(':').append(port));
        first(parameters, "plug", "port").ifPresent(plug -> device.append('/').append(plug));
        return device.toString();
    }

    /** The parameters as text with every secret value masked. */
    public String describe(Map<String, String> parameters) {
        return SecretMasker.describe(parameters, this::isSecret);
    }

    @Override
    public String toString() {
        return "FenceAgent[" + name + " at " + executable + "]";
    }

    private AgentOutput execute(FenceAction action, Map<String, String> parameters, Duration timeout)
            throws FenceAgentException {
        AgentMetadata known = metadata();
        if (!known.supports(action)) {
            throw logged(new FenceAgentException(FenceFailure.INVALID_PARAMETERS, name + " does not support action '" + action + "'"));
        }
        try {
            validate(parameters);
        } catch (FenceAgentException e) {
            throw logged(e);
        }
        SecretMasker masker = SecretMasker.of(parameters, this::isSecret);
        return spawn(List.of(executable.toString()), stdin(action, known, parameters), timeout, context(action, parameters))
                .masked(masker);
    }

    private AgentMetadata readMetadata() throws FenceAgentException {
        AgentOutput output = spawn(List.of(executable.toString(), "-o", "metadata"), "", METADATA_TIMEOUT, name + " metadata");
        if (output.exitCode() != 0) {
            throw logged(FailureClassifier.classify(name + " metadata", output));
        }
        AgentMetadata parsed;
        try {
            parsed = AgentMetadataParser.parse(name, output.stdout());
        } catch (FenceAgentException e) {
            throw logged(e);
        }
        LOG.debug("{}: read metadata ({} parameters) in {} ms", name, parsed.parameters().size(), output.duration().toMillis());
        return parsed;
    }

    private AgentOutput spawn(List<String> command, String stdin, Duration timeout, String context) throws FenceAgentException {
        try {
            return AgentProcess.run(command, stdin, timeout);
        } catch (TimeoutException e) {
            throw logged(new FenceAgentException(FenceFailure.TIMEOUT,
                    context + ": " + name + " timed out after " + timeout.toMillis() + " ms and was killed"));
        } catch (IOException e) {
            throw logged(new FenceAgentException(FenceFailure.UNKNOWN_AGENT, context + ": cannot run " + executable + ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw logged(new FenceAgentException(FenceFailure.AGENT_ERROR, context + ": interrupted, " + name + " was killed"));
        }
    }

    private String stdin(FenceAction action, AgentMetadata known, Map<String, String> parameters) {
        Map<String, String> lines = new TreeMap<>(parameters);
        DIAGNOSTICS.forEach((key, value) -> {
            if (known.parameters().containsKey(key)) {
                lines.putIfAbsent(key, value);
            }
        });
        StringBuilder stdin = new StringBuilder("action=").append(action.agentName()).append('\n');
        lines.forEach((key, value) -> stdin.append(key).append('=').append(value).append('\n'));
        return stdin.toString();
    }

    private boolean isSecret(String parameter) {
        AgentMetadata known = metadata;
        return known == null ? AgentParameter.isSecretName(parameter) : known.isSecret(parameter);
    }

    private String context(FenceAction action, Map<String, String> parameters) {
        return deviceName(parameters) + " " + action;
    }

    private static Optional<String> first(Map<String, String> parameters, String... names) {
        for (String key : names) {
            String value = parameters.get(key);
            if (value != null && !value.isBlank()) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private static FenceAgentException logged(FenceAgentException e) {
        LOG.warn(e.getMessage());
        return e;
    }
}

package org.basket.fence;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What a fence agent declares in {@code -o metadata}: its parameters (in declared order) and actions. */
public record AgentMetadata(String agent, Map<String, AgentParameter> parameters, Set<String> actions) {

    public AgentMetadata {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        actions = Collections.unmodifiableSet(new LinkedHashSet<>(actions));
    }

    public Optional<AgentParameter> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    public boolean supports(FenceAction action) {
        return actions.contains(action.agentName());
    }

    public boolean isSecret(String name) {
        return parameter(name).map(AgentParameter::isSecret).orElseGet(() -> AgentParameter.isSecretName(name));
    }

    /** Problems of a parameter map against this metadata, naming parameters but never their values. */
    public List<String> problems(Map<String, String> values) {
        List<String> problems = new ArrayList<>();
        values.forEach((name, value) -> {
            if ("action".equals(name)) {
                problems.add("parameter 'action' is chosen by the action to run");
            } else if (!parameters.containsKey(name)) {
                problems.add("unknown parameter '" + name + "'");
            }
            if (value == null) {
                problems.add("parameter '" + name + "' has no value");
            } else if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0) {
                problems.add("parameter '" + name + "' contains a line break");
            }
        });
        for (AgentParameter parameter : parameters.values()) {
            String alias = parameter.obsoletes();
            if (!alias.isEmpty() && values.containsKey(parameter.name()) && values.containsKey(alias)) {
                problems.add("parameters '" + parameter.name() + "' and '" + alias + "' are aliases: give only one");
            }
            if (isMissing(parameter, values)) {
                problems.add("missing required parameter '" + parameter.name() + "'"
                        + (alias.isEmpty() ? "" : " (or its alias '" + alias + "')"));
            }
        }
        return problems;
    }

    private boolean isMissing(AgentParameter parameter, Map<String, String> values) {
        if (!parameter.required() || "action".equals(parameter.name()) || isObsoleted(parameter.name())) {
            return false;
        }
        return !values.containsKey(parameter.name()) && !values.containsKey(parameter.obsoletes());
    }

    private boolean isObsoleted(String name) {
        return parameters.values().stream().anyMatch(parameter -> parameter.obsoletes().equals(name));
    }
}

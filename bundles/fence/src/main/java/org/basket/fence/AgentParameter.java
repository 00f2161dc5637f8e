package org.basket.fence;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One parameter from a fence agent's metadata. {@code obsoletes} names the deprecated alias this
 * parameter replaces (e.g. {@code ip} obsoletes {@code ipaddr}), or is empty.
 */
public record AgentParameter(
        String name, boolean required, boolean deprecated, String obsoletes, String type, String shortDescription) {

    private static final Pattern SECRET_NAME =
            Pattern.compile("pass|secret|token|apikey|access_key|community|hexadecimal_kg");

    public AgentParameter {
        obsoletes = obsoletes == null ? "" : obsoletes;
        type = type == null ? "" : type;
        shortDescription = shortDescription == null ? "" : shortDescription;
    }

    public boolean isSecret() {
        return "password".equals(type) || isSecretName(name);
    }

    /** Names that hold credentials in any agent: never log or show their values. */
    public static boolean isSecretName(String name) {
        return SECRET_NAME.matcher(name.toLowerCase(Locale.ROOT)).find();
    }
}

package org.basket.fence;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Replaces secret values wherever they could appear: agent output, messages, {@code toString()}. */
final class SecretMasker {
    static final String MASK = "******";

    private final List<String> secrets;

    private SecretMasker(List<String> secrets) {
        this.secrets = secrets;
    }

    static SecretMasker of(Map<String, String> parameters, Predicate<String> isSecret) {
        return new SecretMasker(parameters.entrySet().stream()
                .filter(entry -> isSecret.test(entry.getKey()))
                .map(Map.Entry::getValue)
                .filter(value -> value != null && !value.isEmpty())
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList());
    }

    String mask(String text) {
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }

    static String describe(Map<String, String> parameters, Predicate<String> isSecret) {
        StringJoiner joiner = new StringJoiner(", ", "{", "}");
        new TreeMap<>(parameters).forEach((name, value) -> joiner.add(name + "=" + (isSecret.test(name) ? MASK : value)));
        return joiner.toString();
    }
}

package org.basket.shell;

import java.util.ArrayList;
import java.util.List;

/** An option with a value written after the arguments ({@code ha:drill shop --to lyon}), which Karaf hands over as words. */
final class TrailingValue {
    private TrailingValue() {
    }

    /**
     * The value of {@code option} among {@code words}, removed from them with its option; {@code given} when absent.
     *
     * @throws IllegalArgumentException when the option has no value or comes twice
     */
    static String take(List<String> words, String option, String given) {
        String value = given;
        List<String> rest = new ArrayList<>();
        List<String> all = words == null ? List.of() : List.copyOf(words);
        for (int i = 0; i < all.size(); i++) {
            if (!all.get(i).equals(option)) {
                rest.add(all.get(i));
                continue;
            }
            if (i + 1 >= all.size() || all.get(i + 1).startsWith("-")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            if (value != null && !value.isEmpty()) {
                throw new IllegalArgumentException(option + " is given twice");
            }
            value = all.get(++i);
        }
        if (words != null) {
            words.clear();
            words.addAll(rest);
        }
        return value;
    }
}

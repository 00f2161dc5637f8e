package org.basket.rest;

import java.util.regex.Pattern;

import org.basket.api.cluster.ClusterSnapshot;

/** Checked request parameters: each refusal names the parameter and what it must be. */
final class Params {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private Params() {
    }

    static String name(String parameter, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw Problem.badInput(parameter, parameter + " must be 1 to 128 letters, digits, '.', '_', ':' or '-', "
                    + "beginning with a letter or digit, not " + quoted(value));
        }
        return value;
    }

    static String host(ClusterSnapshot snapshot, String value) {
        if (!snapshot.config().hosts().containsKey(name("host", value))) {
            throw Problem.unknown("host", value, snapshot.config().hosts().keySet());
        }
        return value;
    }

    static String resource(ClusterSnapshot snapshot, String value) {
        if (!snapshot.config().resources().containsKey(name("resource", value))) {
            throw Problem.unknown("resource", value, snapshot.config().resources().keySet());
        }
        return value;
    }

    static int integer(String parameter, String value, int absent, int min, int max) {
        return (int) whole(parameter, value, absent, min, max);
    }

    static long whole(String parameter, String value, long absent, long min, long max) {
        if (value == null) {
            return absent;
        }
        try {
            long number = Long.parseLong(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw Problem.badInput(parameter, parameter + " must be a whole number from " + min + " to " + max + ", not "
                + quoted(value));
    }

    static boolean bool(String parameter, String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true") || value.isEmpty()) {
            return true;
        }
        throw Problem.badInput(parameter, parameter + " must be true or false, not " + quoted(value));
    }

    /** A value as given, cut to 40 characters so that a refusal does not echo a large input. */
    static String quoted(String value) {
        if (value == null) {
            return "nothing";
        }
        return "'" + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + "'";
    }
}

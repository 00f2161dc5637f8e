package org.basket.northbound.cim;

import java.util.List;

/**
 * A property value: a scalar or an array of a CIM type ({@code string}, {@code uint16}, {@code boolean}), or a
 * reference to an instance.
 */
sealed interface CimValue {
    record Scalar(String type, String value) implements CimValue {
    }

    record Array(String type, List<String> values) implements CimValue {
    }

    record Reference(InstanceName target) implements CimValue {
    }

    static CimValue string(String value) {
        return new Scalar("string", value);
    }

    static CimValue uint16(int value) {
        return new Scalar("uint16", Integer.toString(value));
    }

    static CimValue bool(boolean value) {
        return new Scalar("boolean", value ? "TRUE" : "FALSE");
    }

    static CimValue uint16s(int... values) {
        return new Array("uint16", java.util.Arrays.stream(values).mapToObj(Integer::toString).toList());
    }

    static CimValue strings(List<String> values) {
        return new Array("string", values);
    }
}

package org.basket.northbound.prometheus;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import org.basket.api.config.ConfigException;
import org.basket.api.config.KeyProblems;
import org.basket.api.config.StrictConfig;

/**
 * The checked configuration of PID {@value #PID}, read strictly through {@link StrictConfig}: an unknown key or a
 * bad value is refused with the file, the key and the value.
 */
record PrometheusSettings(InetAddress bindAddress, int port) {
    static final String PID = "org.basket.prometheus";

    static PrometheusSettings from(Map<String, ?> properties) throws ConfigException {
        KeyProblems problems = new KeyProblems();
        PrometheusConfig c = StrictConfig.read(PrometheusConfig.class, properties, problems);
        int port = (int) problems.within("port", c.port(), 0, 65535);
        InetAddress address = null;
        try {
            address = InetAddress.getByName(c.bind_address().trim());
        } catch (UnknownHostException e) {
            problems.add("bind.address", c.bind_address(), "not an address of this machine");
        }
        problems.throwIfAny();
        return new PrometheusSettings(address, port);
    }

    static PrometheusSettings defaults() {
        try {
            return from(Map.of());
        } catch (ConfigException impossible) {
            throw new IllegalStateException("the declared defaults of PrometheusConfig are refused", impossible);
        }
    }

    /** Where the configuration came from, for messages: its file, else the PID. */
    static String source(Map<String, ?> properties) {
        return StrictConfig.source(PID, properties);
    }
}

package org.basket.architecture;

import java.util.Map;
import java.util.Optional;

/**
 * A module as docs/ARCHITECTURE.md's rule table names it ({@code core}, {@code agent/runtime}, {@code driver.libvirt}), or
 * one of its packages ({@code api.driver}): the module folder and the package the names after it are relative to.
 */
record DocModule(String folder, String rootPackage) {
    private static final Map<String, DocModule> MODULES = Map.ofEntries(
            Map.entry("api", new DocModule("bundles/api", "org.basket.api")),
            Map.entry("scheduler", new DocModule("bundles/scheduler", "org.basket.scheduler")),
            Map.entry("fence", new DocModule("bundles/fence", "org.basket.fence")),
            Map.entry("channel", new DocModule("bundles/channel", "org.basket.channel")),
            Map.entry("installer", new DocModule("bundles/installer", "org.basket.installer")),
            Map.entry("agents", new DocModule("bundles/agents", "org.basket.agents")),
            Map.entry("coordination", new DocModule("bundles/coordination", "org.basket.coordination")),
            Map.entry("core", new DocModule("bundles/core", "org.basket.core")),
            Map.entry("shell", new DocModule("bundles/shell", "org.basket.shell")),
            Map.entry("shell-support", new DocModule("bundles/shell-support", "org.basket.shell.support")),
            Map.entry("rest", new DocModule("bundles/rest", "org.basket.rest")),
            Map.entry("driver.sim", new DocModule("drivers/sim", "org.basket.driver.sim")),
            Map.entry("driver.libvirt", new DocModule("drivers/libvirt", "org.basket.driver.libvirt")),
            Map.entry("driver.vmware", new DocModule("drivers/vmware", "org.basket.driver.vmware")),
            Map.entry("driver.powervm", new DocModule("drivers/powervm", "org.basket.driver.powervm")),
            Map.entry("driver.zvm", new DocModule("drivers/zvm", "org.basket.driver.zvm")),
            Map.entry("driver.http", new DocModule("drivers/http-support", "org.basket.driver.http")),
            Map.entry("northbound-snmp", new DocModule("bundles/northbound-snmp", "org.basket.northbound.snmp")),
            Map.entry("northbound-prometheus", new DocModule("bundles/northbound-prometheus",
                    "org.basket.northbound.prometheus")),
            Map.entry("northbound-cim", new DocModule("bundles/northbound-cim", "org.basket.northbound.cim")),
            Map.entry("agent/runtime", new DocModule("agent/runtime", "org.basket.agent.runtime")),
            Map.entry("agent/monitors", new DocModule("agent/monitors", "org.basket.agent.monitors")));

    /** {@code core}; {@code api.driver}: the api with names relative to {@code org.basket.api.driver}. */
    static Optional<DocModule> named(String name) {
        if (MODULES.containsKey(name)) {
            return Optional.of(MODULES.get(name));
        }
        int dot = name.indexOf('.');
        if (dot > 0 && MODULES.containsKey(name.substring(0, dot)) && name.substring(dot + 1).matches("[a-z_][a-z0-9_.]*")) {
            DocModule module = MODULES.get(name.substring(0, dot));
            return Optional.of(new DocModule(module.folder, module.rootPackage + name.substring(dot)));
        }
        return Optional.empty();
    }
}

package org.basket.configchecks;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.basket.agent.runtime.AgentConfig;
import org.basket.agents.AgentsConfig;
import org.basket.coordination.CoordinationConfig;
import org.basket.core.config.ConfigPids;
import org.basket.core.config.ConstraintConfig;
import org.basket.core.config.DriverEndpointConfig;
import org.basket.core.config.FenceConfig;
import org.basket.core.config.HostConfig;
import org.basket.core.config.ManagerConfig;
import org.basket.core.config.ResourceConfig;
import org.basket.core.config.SitesConfig;
import org.basket.driver.http.HttpsConfig;
import org.basket.driver.libvirt.internal.LibvirtConfig;
import org.basket.driver.powervm.internal.PowervmConfig;
import org.basket.driver.sim.internal.SimConfig;
import org.basket.driver.vmware.internal.VmwareConfig;
import org.basket.driver.zvm.internal.ZvmConfig;
import org.basket.northbound.snmp.SnmpConfig;
import org.basket.northbound.cim.CimConfig;
import org.basket.northbound.prometheus.PrometheusConfig;

/** The one mapping from configuration PIDs (and a driver endpoint's type) to the types that declare their keys. */
final class Declarations {
    /** Singleton PIDs: org.basket.manager.cfg is read by ManagerConfig, and so on. */
    static final Map<String, Class<?>> SINGLETONS = Map.of(ConfigPids.MANAGER, ManagerConfig.class,
            "org.basket.agents", AgentsConfig.class, "org.basket.agent", AgentConfig.class,
            "org.basket.coordination", CoordinationConfig.class,
            "org.basket.snmp", SnmpConfig.class, "org.basket.prometheus", PrometheusConfig.class,
            "org.basket.cim", CimConfig.class, "org.basket.sites", SitesConfig.class);

    /** Factory PIDs: org.basket.host-node1.cfg is read by HostConfig, and so on. */
    static final Map<String, Class<?>> FACTORIES = Map.of(ConfigPids.HOST, HostConfig.class,
            ConfigPids.RESOURCE, ResourceConfig.class, ConfigPids.CONSTRAINT, ConstraintConfig.class,
            ConfigPids.DRIVER, DriverEndpointConfig.class, ConfigPids.FENCE, FenceConfig.class);

    /** A driver endpoint's own keys, by its {@code type}: the driver bundle's declarations (an HTTPS driver's: two). */
    static final Map<String, List<Class<?>>> DRIVER_TYPES = Map.of("sim", List.of(SimConfig.class), "libvirt",
            List.of(LibvirtConfig.class), "vmware", List.of(VmwareConfig.class, HttpsConfig.class), "powervm",
            List.of(PowervmConfig.class, HttpsConfig.class), "zvm", List.of(ZvmConfig.class, HttpsConfig.class));

    /** Factory PIDs whose other keys belong to a plug-in Basket does not declare: a fence agent's own parameters. */
    static final List<String> OPEN_ENDED = List.of(ConfigPids.FENCE);

    private Declarations() {
    }

    /** The PID a file defines: {@code org.basket.host-node1.cfg.example} is of factory {@code org.basket.host}. */
    static String pidOf(String fileName) {
        String base = fileName.replaceFirst("\\.cfg(\\.example)?$", "");
        int dash = base.indexOf('-');
        return dash < 0 ? base : base.substring(0, dash);
    }

    static Optional<Class<?>> declarationOf(String pid) {
        return Optional.ofNullable(SINGLETONS.getOrDefault(pid, FACTORIES.get(pid)));
    }
}

package org.basket.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The layers of docs/ARCHITECTURE.md, read from the main sources: what each module names of Basket.
 */
class LayeringTest {
    private static final String API = "org.basket.api";
    private static final String CHANNEL = "org.basket.channel";
    private static final String SHELL_SUPPORT = "org.basket.shell.support";

    static final List<LayeringRule> RULES = List.of(
            new LayeringRule("bundles/api", "the api names nothing of Basket but itself", List.of(API)),
            new LayeringRule("bundles/scheduler", "the scheduler uses only the api", List.of(API, "org.basket.scheduler")),
            new LayeringRule("bundles/pacemaker-import", "the Pacemaker import uses only the api, its ha:import-cib "
                    + "command also the commands' base", List.of(API, "org.basket.pacemaker", SHELL_SUPPORT)),
            new LayeringRule("drivers/*", "a driver uses only the api and the HTTPS code the drivers share (a jar each "
                    + "embeds, not a bundle)", List.of(API, "org.basket.driver.${name}", "org.basket.driver.http")),
            new LayeringRule("bundles/core", "the core uses only the api and the scheduler: drivers and fence methods "
                    + "reach it as services", List.of(API, "org.basket.scheduler", "org.basket.core")),
            new LayeringRule("bundles/shell-support", "the base of the ha: commands names nothing of Basket but itself",
                    List.of(SHELL_SUPPORT)),
            new LayeringRule("bundles/shell", "the shell uses only the api and the commands' base, and reaches the core "
                    + "only through the services Karaf injects (no look-up by hand)", List.of(API, "org.basket.shell"),
                    List.of("org.osgi.framework")),
            new LayeringRule("bundles/agents", "the agent gateway uses the api, the channel, the installer and the commands' "
                    + "base, never the core", List.of(API, "org.basket.agents", CHANNEL, "org.basket.installer", SHELL_SUPPORT)),
            new LayeringRule("bundles/channel", "the channel, which the guest embeds too, uses only the api",
                    List.of(API, CHANNEL)),
            new LayeringRule("bundles/coordination", "the coordination uses only the api: the core reaches it as a "
                    + "service", List.of(API, "org.basket.coordination")),
            new LayeringRule("bundles/northbound-prometheus", "the Prometheus metrics use only the api's services and "
                    + "events", List.of(API, "org.basket.northbound.prometheus")),
            new LayeringRule("bundles/northbound-cim", "the CIM server uses only the api's services", List.of(API,
                    "org.basket.northbound.cim")),
            new LayeringRule("bundles/rest", "the REST API uses only the api's services and the shell's views (the same "
                    + "rows as the commands)", List.of(API, "org.basket.rest", "org.basket.shell.view")),
            new LayeringRule("bundles/northbound-snmp", "the SNMP interface uses only the api's services and events",
                    List.of(API, "org.basket.northbound.snmp")),
            new LayeringRule("agent/*", "the guest side never uses the manager's code: only the api, the channel's "
                    + "agent side and itself", List.of(API, "org.basket.agent", CHANNEL + ".protocol", CHANNEL + ".pki",
                            CHANNEL + ".agent")));

    @Test
    void everyModuleNamesOnlyWhatItsLayerMay() {
        List<String> violations = RULES.stream().flatMap(rule -> rule.violations().stream()).toList();

        assertTrue(violations.isEmpty(), () -> "layering broken:\n" + String.join("\n", violations));
    }

    @Test
    void aForbiddenImportIsFoundAndNamedWithFileAndLine() {
        LayeringRule shell = rule("bundles/shell");
        String source = """
                package org.basket.shell;

                import org.basket.api.cluster.ClusterService;
                import org.basket.core.ClusterManager;
                """;

        assertEquals(List.of("bundles/shell/X.java:4 names org.basket.core.ClusterManager: " + shell.says()),
                shell.violations("bundles/shell", "bundles/shell/X.java", source));
    }

    @Test
    void fullyQualifiedNamesAndStaticImportsCountButCommentsAndStringsDoNot() {
        LayeringRule scheduler = rule("bundles/scheduler");
        String source = """
                package org.basket.scheduler;
                import static org.basket.core.Timeouts.DEFAULT;
                // org.basket.core.ClusterManager is mentioned here only
                /** {@link org.basket.core.Observer} in a comment */
                class X {
                    String file = "etc/org.basket.manager.cfg";
                    int stickiness = org.basket.core.config.Defaults.STICKINESS;
                }
                """;

        assertEquals(List.of("S.java:2 names org.basket.core.Timeouts: " + scheduler.says(),
                "S.java:7 names org.basket.core.config.Defaults: " + scheduler.says()),
                scheduler.violations("bundles/scheduler", "S.java", source));
    }

    @Test
    void aDriverMayNameItsOwnPackagesButNotAnotherDrivers() {
        LayeringRule drivers = rule("drivers/*");
        String own = "package org.basket.driver.sim.command;\nimport org.basket.driver.sim.World;\n";
        String other = "package org.basket.driver.sim;\nimport org.basket.driver.libvirt.LibvirtDriver;\n";

        assertEquals(List.of(), drivers.violations("drivers/sim", "A.java", own));
        assertEquals(List.of("B.java:2 names org.basket.driver.libvirt.LibvirtDriver: " + drivers.says()),
                drivers.violations("drivers/sim", "B.java", other));
    }

    @Test
    void theCoreGetsItsFenceDevicesFromFenceMethodsNotFromTheFenceAgentLibrary() {
        LayeringRule core = rule("bundles/core");
        String source = """
                package org.basket.core;
                import org.basket.api.fence.FenceDeviceFactory;
                import org.basket.fence.FenceAgent;
                class FenceLevels {
                    String pid = "org.basket.fence";
                }
                """;

        assertEquals(List.of("F.java:3 names org.basket.fence.FenceAgent: " + core.says()),
                core.violations("bundles/core", "F.java", source));
    }

    @Test
    void theShellLooksNoServiceUpByHand() {
        LayeringRule shell = rule("bundles/shell");

        assertEquals(List.of("C.java:2 names org.osgi.framework.FrameworkUtil: " + shell.says()), shell.violations(
                "bundles/shell", "C.java", "package org.basket.shell;\nimport org.osgi.framework.FrameworkUtil;\n"));
    }

    @Test
    void theGuestSideMayUseTheChannelsAgentSideButNotItsManagerSide() {
        LayeringRule guest = rule("agent/*");
        String agentSide = "package org.basket.agent.runtime;\nimport org.basket.channel.agent.AgentChannel;\n";
        String managerSide = "package org.basket.agent.runtime;\nimport org.basket.channel.manager.ManagerChannel;\n";

        assertEquals(List.of(), guest.violations("agent/runtime", "A.java", agentSide));
        assertEquals(1, guest.violations("agent/runtime", "B.java", managerSide).size());
    }

    private static LayeringRule rule(String modules) {
        return RULES.stream().filter(r -> r.modules().equals(modules)).findFirst().orElseThrow();
    }
}

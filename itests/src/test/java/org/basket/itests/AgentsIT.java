package org.basket.itests;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;

import javax.inject.Inject;

import org.basket.api.monitor.AgentStatus;
import org.basket.api.monitor.GuestAgentAdmin;
import org.basket.channel.agent.AgentChannel;
import org.basket.channel.agent.AgentChannelConfig;
import org.basket.channel.agent.AgentChannelListener;
import org.basket.channel.agent.AgentEnrolment;
import org.basket.channel.agent.AgentIdentity;
import org.basket.channel.agent.Enrolment;
import org.basket.channel.protocol.CommandResult;
import org.junit.Test;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;

/** The real agents' channel runs in the distribution: it listens, ha:agents answers, and a real agent enrols and connects. */
public class AgentsIT extends BasketTestSupport {
    private static final String PORT_PROPERTY = "basket.itest.agentsPort";

    @Inject
    protected GuestAgentAdmin agents;

    @Override
    @Configuration
    public Option[] config() {
        String port = Integer.toString(freeLoopbackPort());
        return OptionUtils.combine(super.config(),
                editConfigurationFilePut("etc/org.basket.agents.cfg", "bind.address", "127.0.0.1"),
                editConfigurationFilePut("etc/org.basket.agents.cfg", "port", port),
                editConfigurationFilePut("etc/org.basket.agents.cfg", "advertised.address", "127.0.0.1:" + port),
                editConfigurationFilePut("etc/system.properties", PORT_PROPERTY, port));
    }

    @Test
    public void theChannelListensAndHaAgentsAnswers() {
        int port = Integer.getInteger(PORT_PROPERTY);
        await("the agent channel listens on port " + port, () -> accepts(port));
        String table = execute("ha:agents");
        assertTrue(table, table.contains("VM") && table.contains("state") && table.contains("services"));
    }

    @Test
    public void installingTheAgentOfAnUnknownVmNamesTheConfiguredOnes() {
        await("the demo VMs are configured", () -> cluster.snapshot().config().resources().keySet().containsAll(DEMO_VMS));
        try {
            fail("ha:agent-install of an unknown VM printed: "
                    + execute("ha:agent-install --ssh root@127.0.0.1 --no-wait mail"));
        } catch (CommandFailed e) {
            assertTrue(e.getMessage(), e.getMessage().contains("unknown VM 'mail': configured VMs are app1, app2, batch, cache, db, web"));
        }
    }

    @Test
    public void anAgentEnrolledWithATokenConnectsAndIsListed() throws Exception {
        int port = Integer.getInteger(PORT_PROPERTY);
        org.basket.api.monitor.AgentEnrolment enrolment = agents.enrol("web", Duration.ofMinutes(5));
        assertTrue(enrolment.managerAddress(), enrolment.managerAddress().equals("127.0.0.1:" + port));
        assertTrue(execute("ha:agents"), execute("ha:agents").contains("token issued"));

        String ca = Files.readString(Paths.get(System.getProperty("karaf.data"), "basket", "agents", "ca", "ca.crt"));
        Path identityDirectory = Files.createTempDirectory("basket-itest-agent");
        AgentIdentity identity = AgentEnrolment.enrol(new Enrolment("127.0.0.1", port, "web", enrolment.token(), ca,
                Duration.ofSeconds(20)), identityDirectory);
        AgentChannel agent = new AgentChannel(AgentChannelConfig.defaults("127.0.0.1", port), identity,
                command -> CommandResult.done(""), new AgentChannelListener() { }, Clock.systemUTC());
        agent.start();
        try {
            await("the agent of web connected", () -> agents.agent("web").map(AgentStatus::connected).orElse(false));
            String table = execute("ha:agents");
            assertTrue(table, table.lines().anyMatch(line -> line.matches("\\s*web\\W+connected\\W.*127\\.0\\.0\\.1.*basket-agent.*")));
        } finally {
            agent.close();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

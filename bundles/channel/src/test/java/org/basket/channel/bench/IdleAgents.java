package org.basket.channel.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.basket.channel.agent.AgentChannel;
import org.basket.channel.agent.AgentChannelConfig;
import org.basket.channel.agent.AgentChannelListener;
import org.basket.channel.agent.AgentIdentity;
import org.basket.channel.protocol.CommandResult;

/**
 * The agents of {@link ChannelBenchmark}, in their own JVM so that the manager's memory is measured
 * alone: {@code IdleAgents <identities dir> <port> <count>} opens one session per identity
 * ({@code agent-0} ... ), prints {@code READY} and keeps them until its standard input closes.
 */
public final class IdleAgents {
    private IdleAgents() {
    }

    public static void main(String[] args) throws Exception {
        Path identities = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        CountDownLatch connected = new CountDownLatch(count);
        AgentChannelConfig config = AgentChannelConfig.defaults("127.0.0.1", port);
        List<AgentChannel> agents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            AgentChannel agent = new AgentChannel(config, AgentIdentity.load(identities.resolve("agent-" + i)),
                    command -> CommandResult.done(command.service()), new AgentChannelListener() {
                        @Override
                        public void connected() {
                            connected.countDown();
                        }
                    }, Clock.systemUTC());
            agent.start();
            agents.add(agent);
        }
        if (!connected.await(Duration.ofMinutes(5).toSeconds(), TimeUnit.SECONDS)) {
            System.out.println("TIMEOUT " + connected.getCount() + " agents not connected");
            System.exit(1);
        }
        System.out.println("READY");
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the benchmark to close our standard input
        }
        agents.forEach(AgentChannel::close);
    }
}

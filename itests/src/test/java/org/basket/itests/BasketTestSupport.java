package org.basket.itests;

import static org.ops4j.pax.exam.CoreOptions.systemTimeout;
import static org.ops4j.pax.exam.CoreOptions.vmOption;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.ClusterService;
import org.basket.api.cluster.EventKind;
import org.basket.api.model.ResourceStatus;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/** Boots the built Basket distribution, with its demo configuration, once per test class. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public abstract class BasketTestSupport {
    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final List<String> DEMO_VMS = List.of("app1", "app2", "batch", "cache", "db", "web");

    @Inject
    protected BundleContext bundleContext;

    @Inject
    protected SessionFactory sessionFactory;

    @Inject
    protected ClusterService cluster;

    @Configuration
    public Option[] config() {
        String distribution = new File(System.getProperty("basket.distribution")).toURI().toString();
        String karafVersion = "4.4.10";
        return new Option[] {
            karafDistributionConfiguration().frameworkUrl(distribution).name("Basket").karafVersion(karafVersion)
                    .unpackDirectory(new File("target/exam")).useDeployFolder(false),
            configureConsole().ignoreLocalConsole(),
            logLevel(LogLevel.INFO),
            systemTimeout(120_000),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(freePort())),
            editConfigurationFilePut("etc/system.properties", "basket.simJar", System.getProperty("basket.simJar")),
            vmOption("--add-reads=java.xml=java.logging"),
            vmOption("--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED"),
            vmOption("--patch-module"),
            vmOption("java.base=lib/endorsed/org.apache.karaf.specs.locator-" + karafVersion + ".jar"),
            vmOption("--patch-module"),
            vmOption("java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + karafVersion + ".jar"),
            vmOption("--add-opens"), vmOption("java.base/java.security=ALL-UNNAMED"),
            vmOption("--add-opens"), vmOption("java.base/java.net=ALL-UNNAMED"),
            vmOption("--add-opens"), vmOption("java.base/java.lang=ALL-UNNAMED"),
            vmOption("--add-opens"), vmOption("java.base/java.util=ALL-UNNAMED"),
            vmOption("--add-opens"), vmOption("java.naming/javax.naming.spi=ALL-UNNAMED"),
            vmOption("--add-opens"), vmOption("java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED"),
            vmOption("--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED"),
            vmOption("--add-exports=java.base/sun.net.www.protocol.ftp=ALL-UNNAMED"),
            vmOption("--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED"),
            vmOption("--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED"),
            vmOption("--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED"),
            vmOption("--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED"),
            vmOption("--add-exports=jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED"),
            vmOption("--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED"),
        };
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a shell command as an operator would and returns what it printed. */
    protected String execute(String command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(System.in, out, out);
        Object result;
        try {
            result = session.execute(command);
        } catch (Exception e) {
            result = e;
        } finally {
            out.flush();
            session.close();
        }
        String output = bytes.toString(StandardCharsets.UTF_8);
        if (result instanceof Throwable failure) {
            throw new CommandFailed(command + ": " + failure.getMessage());
        }
        if (output.contains("Error executing command")) {
            throw new CommandFailed(command + ": " + output);
        }
        return output;
    }

    /** A command that failed, carrying the message the shell printed. */
    static final class CommandFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CommandFailed(String message) {
            super(message);
        }
    }

    /** Polls until the condition holds, or fails with the description and the last cluster events. */
    protected void await(String description, BooleanSupplier condition) {
        await(description, PATIENCE, condition);
    }

    protected void await(String description, Duration patience, BooleanSupplier condition) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + patience.toSeconds() + " s waiting until " + description
                        + "\nrecent events:\n" + recentEvents());
            }
            sleep(100);
        }
    }

    protected String recentEvents() {
        StringBuilder text = new StringBuilder();
        for (ClusterEvent event : cluster.events(40)) {
            text.append("  ").append(event).append('\n');
        }
        return text.toString();
    }

    protected ResourceStatus status(String resource) {
        return cluster.snapshot().state().resource(resource);
    }

    protected boolean runningOnOneHost(String resource) {
        return status(resource).activeOn().size() == 1;
    }

    protected void awaitDemoRunning() {
        await("all demo VMs run", () -> DEMO_VMS.stream().allMatch(this::runningOnOneHost));
    }

    protected String hostOf(String resource) {
        List<String> hosts = status(resource).activeOn();
        return hosts.size() == 1 ? hosts.get(0) : null;
    }

    protected Path etc(String file) {
        return Paths.get(System.getProperty("karaf.etc"), file);
    }

    protected void writeConfig(String file, String... lines) throws IOException {
        Path target = etc(file);
        Path temp = target.resolveSibling(file + ".tmp");
        Files.write(temp, List.of(lines));
        Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The sequence number of the first start of the resource that was done, or -1. */
    protected long firstStartDone(String resource) {
        return firstEvent(e -> e.kind() == EventKind.ACTION_DONE && e.resource().equals(resource)
                && e.action().startsWith("start "));
    }

    /** The sequence number of the first recent event that is about the action ({@code Action.toString()}) and done, or -1. */
    protected long firstDone(String action) {
        return firstEvent(e -> e.kind() == EventKind.ACTION_DONE && e.action().equals(action));
    }

    /** The sequence number of the first recent event that matches, or -1. */
    protected long firstEvent(Predicate<ClusterEvent> what) {
        return cluster.events(2000).stream().filter(what).mapToLong(ClusterEvent::sequence).findFirst().orElse(-1);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }
}

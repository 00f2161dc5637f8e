package org.basket.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;

/**
 * The features basket-prometheus and basket-cim in the distribution, which does not boot them: installed from
 * system/ and configured by their etc/ files, a real Prometheus server scrapes the metrics through a simulated host
 * crash, and sblim's wbemcli reads the hosts and which host runs which VM afterwards, as a configured user and then
 * as a user of Karaf's JAAS realm with the role viewer (a user without it is refused).
 */
public class MonitoringFeaturesIT extends BasketTestSupport {
    private static final Pattern VALUE = Pattern.compile("\"value\":\\[[0-9.]+,\"([^\"]+)\"\\]");
    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    @Configuration
    public Option[] config() {
        return OptionUtils.combine(super.config(), editConfigurationFilePut("etc/users.properties", "vera", "vera,viewer"),
                editConfigurationFilePut("etc/users.properties", "nobody", "nobody,somethingelse"));
    }

    @Test
    public void prometheusAndWbemcliSeeAHostCrashAndItsRecovery() throws Exception {
        awaitDemoRunning();
        service(FeaturesService.class).installFeatures(java.util.Set.of("basket-prometheus", "basket-cim"),
                EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        int metricsPort = freePort();
        int cimPort = freePort();
        writeConfig("org.basket.prometheus.cfg", "port = " + metricsPort);
        writeConfig("org.basket.cim.cfg", "port = " + cimPort, "username = monitor", "password = itest-secret");
        String cim = "http://monitor:itest-secret@127.0.0.1:" + cimPort + "/root/virtualization:";
        await("the metrics endpoint serves", () -> get("http://127.0.0.1:" + metricsPort + "/metrics").contains("basket_hosts"));
        Path dir = Files.createTempDirectory("basket-prometheus");
        int prometheusPort = freePort();
        Files.writeString(dir.resolve("prometheus.yml"), "global:\n  scrape_interval: 1s\nscrape_configs:\n"
                + "  - job_name: basket\n    static_configs:\n      - targets: ['127.0.0.1:" + metricsPort + "']\n");
        Process prometheus = new ProcessBuilder("prometheus", "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + prometheusPort)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        try {
            String api = "http://127.0.0.1:" + prometheusPort + "/api/v1/query?query=";
            await("Prometheus sees every VM running", () -> value(api, "sum(basket_resources{state=\"running\"})") == 6);
            String host = hostOf("db");
            List<String> vms = DEMO_VMS.stream().filter(vm -> host.equals(hostOf(vm))).toList();

            execute("sim:crash-host " + host);
            await("every VM of " + host + " runs again elsewhere", () -> vms.stream()
                    .allMatch(vm -> runningOnOneHost(vm) && !host.equals(hostOf(vm))));

            await("Prometheus has the fence and each recovery", () -> value(api, "basket_fences_total{result=\"fenced\"}") == 1
                    && value(api, "basket_recovery_seconds_count") == vms.size()
                    && value(api, "basket_hosts{state=\"online\"}") == 2);
            assertEquals(6.0, value(api, "sum(basket_resources{state=\"running\"})"), 0);
            assertTrue("the starts issued", value(api, "basket_actions_total{kind=\"start\",result=\"done\"}") >= vms.size());

            String hosts = wbemcli("ein", cim + "Basket_HostComputerSystem");
            assertEquals(hosts, 3, hosts.lines().filter(l -> l.contains("Basket_HostComputerSystem.")).count());
            String onDbHost = wbemcli("ain", "-ac", "Basket_HostedDependency", cim + "Basket_HostComputerSystem."
                    + "CreationClassName=\"Basket_HostComputerSystem\",Name=\"" + hostOf("db") + "\"");
            assertTrue(onDbHost, onDbHost.contains("Name=\"db\""));
            String crashed = wbemcli("ain", "-ac", "Basket_HostedDependency", cim + "Basket_HostComputerSystem."
                    + "CreationClassName=\"Basket_HostComputerSystem\",Name=\"" + host + "\"");
            assertEquals("the crashed host runs nothing: " + crashed, "", crashed.trim());

            writeConfig("org.basket.cim.cfg", "port = " + cimPort, "jaas.realm = karaf", "jaas.role = viewer");
            String viewer = "http://vera:vera@127.0.0.1:" + cimPort + "/root/virtualization:Basket_HostComputerSystem";
            await("a viewer of Karaf's realm reads", () -> wbemcliLines(viewer) == 3);
            assertTrue(wbemcli("ein", viewer.replace("vera:vera", "monitor:itest-secret")).contains("Invalid username/password"));
            assertTrue("a user without the role is refused", wbemcli("ein", viewer.replace("vera:vera", "nobody:nobody"))
                    .contains("Invalid username/password"));
        } finally {
            Files.deleteIfExists(etc("org.basket.prometheus.cfg"));
            Files.deleteIfExists(etc("org.basket.cim.cfg"));
            prometheus.destroy();
            if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
    }

    private double value(String api, String query) {
        Matcher matcher = VALUE.matcher(get(api + URLEncoder.encode(query, StandardCharsets.UTF_8)));
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
    }

    private String get(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static String wbemcli(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("wbemcli", "-nl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("wbemcli did not finish: " + command);
        }
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static long wbemcliLines(String path) {
        try {
            return wbemcli("ein", path).lines().filter(l -> l.contains("Basket_HostComputerSystem.")).count();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private <S> S service(Class<S> type) {
        return bundleContext.getService(bundleContext.getServiceReference(type));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

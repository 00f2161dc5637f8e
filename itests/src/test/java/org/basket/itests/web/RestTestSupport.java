package org.basket.itests.web;

import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFileExtend;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.io.File;

import org.basket.itests.BasketTestSupport;
import org.junit.Before;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The distribution with the feature basket-rest booted too (from its system/; it does not boot it by default), its
 * HTTP port and the agent channel's free ones, and four test users of the JAAS realm: vera (viewer), otto (operator), ada (admin), nobody (no Basket role).
 */
public abstract class RestTestSupport extends BasketTestSupport {
    protected static final ObjectMapper JSON = new ObjectMapper();
    private static final int PORT = freePort();
    protected final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Configuration
    @Override
    public Option[] config() {
        return OptionUtils.combine(super.config(),
                editConfigurationFileExtend("etc/org.apache.karaf.features.cfg", "featuresBoot", "basket-rest"),
                editConfigurationFilePut("etc/system.properties", "basket.itests.target", new File("target").getAbsolutePath()),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", Integer.toString(PORT)),
                editConfigurationFilePut("etc/org.basket.agents.cfg", "port", Integer.toString(freePort())),
                editConfigurationFilePut("etc/system.properties", "basket.test.httpPort", Integer.toString(PORT)),
                editConfigurationFilePut("etc/users.properties", "vera", "vera,viewer"),
                editConfigurationFilePut("etc/users.properties", "otto", "otto,operator"),
                editConfigurationFilePut("etc/users.properties", "ada", "ada,admin"),
                editConfigurationFilePut("etc/users.properties", "nobody", "nobody,somethingelse"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Before
    public void awaitRest() {
        awaitDemoRunning();
        await("the REST API answers", () -> {
            try {
                return get("vera", "/api/status").statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
    }

    protected static String base() {
        return "http://127.0.0.1:" + Integer.getInteger("basket.test.httpPort");
    }

    protected static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    protected HttpResponse<String> get(String user, String path) throws Exception {
        return send(user, "GET", path);
    }

    protected HttpResponse<String> send(String user, String method, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(120))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (user != null) {
            request.header("Authorization", basic(user));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}

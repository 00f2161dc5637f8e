package org.basket.driver.vmware.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The vSphere API simulator of scripts/vsphere-sim (govmomi's vcsim with vijava's fixes), built when its
 * sources are newer than the binary, started on 127.0.0.1 over TLS with a certificate of its own, trusted
 * through a truststore made here; stopped through its process.
 */
public final class VsphereSimulator implements AutoCloseable {
    public static final String USER = "basket";
    public static final String PASSWORD = "sim-password-1";
    public static final String TRUSTSTORE_PASSWORD = "changeit";
    /** Its sources; another module than this one's tests names them by {@code vsphere.sim.sources}. */
    private static final Path SOURCES = Path.of(System.getProperty("vsphere.sim.sources", "../../scripts/vsphere-sim"))
            .toAbsolutePath().normalize();
    private static final Path BINARY = Path.of("target/vsphere-sim/vsphere-sim").toAbsolutePath();
    private static final Path SCHEMA = Path.of("target/vsphere-sim/vijava.schema").toAbsolutePath();

    final URI url;
    final Path truststore;
    private final Process process;
    private final HttpClient control;
    private final Path dir;

    private VsphereSimulator(Process process, Path dir, URI url, Path truststore, HttpClient control) {
        this.process = process;
        this.dir = dir;
        this.url = url;
        this.truststore = truststore;
        this.control = control;
    }

    /** A simulated vCenter with one cluster of {@code hosts} hosts and {@code vms} VMs. */
    public static VsphereSimulator start(int hosts, int vms) throws IOException, InterruptedException, GeneralSecurityException {
        return start(hosts, vms, Duration.ZERO);
    }

    /** As {@link #start(int, int)}, a relocation to another host taking {@code relocation}, cancellable (zero: at once). */
    public static VsphereSimulator start(int hosts, int vms, Duration relocation)
            throws IOException, InterruptedException, GeneralSecurityException {
        return start(hosts, vms, relocation, Duration.ZERO);
    }

    /** As {@link #start(int, int, Duration)}, a clone of a VM or template taking {@code clone}, in ten steps of progress. */
    public static VsphereSimulator start(int hosts, int vms, Duration relocation, Duration clone)
            throws IOException, InterruptedException, GeneralSecurityException {
        build();
        Path dir = Files.createTempDirectory("vsphere-sim");
        Process process = new ProcessBuilder(BINARY.toString(), "-dir", dir.toString(), "-schema", SCHEMA.toString(),
                "-user", USER, "-password", PASSWORD, "-trace=" + Boolean.getBoolean("vsphere.sim.trace"), "-hosts", Integer.toString(hosts), "-vms", Integer.toString(vms),
                "-relocate-time", relocation.toMillis() + "ms", "-clone-time", clone.toMillis() + "ms")
                .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        // stopped with the test JVM at the latest, whatever a test does
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!Files.exists(dir.resolve("url"))) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IOException("vsphere-sim did not start: " + Files.readString(dir.resolve("log")));
            }
            Thread.sleep(20);
        }
        Certificate certificate = CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(dir.resolve("cert.pem"))));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("vsphere-sim", certificate);
        Path truststore = dir.resolve("truststore.p12");
        try (OutputStream out = Files.newOutputStream(truststore)) {
            store.store(out, TRUSTSTORE_PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        URI url = URI.create(Files.readString(dir.resolve("url")).trim());
        return new VsphereSimulator(process, dir, url, truststore, HttpClient.newBuilder().sslContext(tls).build());
    }

    /** The driver configuration of an endpoint on this simulator, with {@code overrides} on top. */
    public Map<String, String> endpointKeys(String... overrides) {
        Map<String, String> keys = new java.util.TreeMap<>(Map.of("url", url.toString(), "username", USER, "password", PASSWORD,
                "truststore", truststore.toString(), "truststore.password", TRUSTSTORE_PASSWORD));
        for (int i = 0; i < overrides.length; i += 2) {
            keys.put(overrides[i], overrides[i + 1]);
        }
        return keys;
    }

    /** Calls the simulator's test-only control endpoint, e.g. {@code host?name=H&connection=notResponding}. */
    public String control(String method, String pathAndQuery) throws IOException, InterruptedException {
        URI uri = url.resolve("/basket-test/" + pathAndQuery);
        HttpResponse<String> response = control.send(HttpRequest.newBuilder(uri)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("vsphere-sim control " + pathAndQuery + ": " + response.statusCode() + " " + response.body());
        }
        return response.body().trim();
    }

    /** Where it keeps its url, cert.pem, truststore and log. */
    public Path directory() {
        return dir;
    }

    public URI url() {
        return url;
    }

    public Path truststore() {
        return truststore;
    }

    String log() throws IOException {
        return Files.readString(dir.resolve("log"));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        process.waitFor();
    }

    private static void build() throws IOException, InterruptedException {
        VijavaSchema.write(SCHEMA);
        if (Files.exists(BINARY) && newest(SOURCES).compareTo(Files.getLastModifiedTime(BINARY)) < 0) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(SOURCES.resolve("build.sh").toString(), BINARY.toString()));
        Process build = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(build.getInputStream().readAllBytes());
        if (build.waitFor() != 0) {
            throw new IOException("building vsphere-sim failed: " + output);
        }
    }

    private static FileTime newest(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> {
                try {
                    return Files.getLastModifiedTime(file);
                } catch (IOException e) {
                    return FileTime.fromMillis(Long.MAX_VALUE);
                }
            }).max(FileTime::compareTo).orElseThrow();
        }
    }
}

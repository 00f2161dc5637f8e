package org.basket.northbound.cim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * The WBEM server on the JDK's HTTP(S) server: CIM-XML operation requests (DSP0200) posted to {@code /cimom},
 * authenticated with HTTP basic, bodies of at most {@code max.request.bytes}, answered by {@link CimOperations}.
 * A request the protocol refuses is answered with its HTTP status and {@code CIMError} header; an operation that
 * fails, with a CIM error in the response.
 */
final class CimServer implements AutoCloseable {
    private static final int THREADS = 4;
    private final HttpServer server;
    private final ExecutorService executor;
    private final CimSettings settings;

    private CimServer(HttpServer server, ExecutorService executor, CimSettings settings) {
        this.server = server;
        this.executor = executor;
        this.settings = settings;
    }

    static CimServer open(CimSettings settings, CimOperations operations, CimLogin login) throws IOException,
            GeneralSecurityException {
        InetSocketAddress address = new InetSocketAddress(settings.bindAddress(), settings.port());
        HttpServer server;
        if (settings.keystore().isPresent()) {
            HttpsServer https = HttpsServer.create(address, 50);
            https.setHttpsConfigurator(new HttpsConfigurator(tls(settings)));
            server = https;
        } else {
            server = HttpServer.create(address, 50);
        }
        AtomicInteger count = new AtomicInteger();
        ExecutorService executor = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(100), r -> {
                    Thread thread = new Thread(r, "basket-cim-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        server.setExecutor(executor);
        server.createContext("/", exchange -> handle(exchange, settings, operations, login));
        server.start();
        return new CimServer(server, executor, settings);
    }

    CimSettings settings() {
        return settings;
    }

    int port() {
        return server.getAddress().getPort();
    }

    String address() {
        return (settings.keystore().isPresent() ? "https://" : "http://") + settings.bindAddress().getHostAddress() + ":"
                + port() + "/" + settings.namespace();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void handle(HttpExchange exchange, CimSettings settings, CimOperations operations, CimLogin login)
            throws IOException {
        try (exchange) {
            if (!authenticated(exchange, login)) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Basket CIM\"");
                send(exchange, 401, "text/plain", "authentication required\n");
                return;
            }
            String method = exchange.getRequestMethod();
            if (!method.equals("POST") && !method.equals("M-POST")) {
                exchange.getResponseHeaders().set("Allow", "POST");
                send(exchange, 405, "text/plain", "CIM operations are POSTed\n");
                return;
            }
            try {
                byte[] body = body(exchange, settings.maxRequestBytes());
                String operation = header(exchange, "CIMOperation");
                if (!"MethodCall".equalsIgnoreCase(operation)) {
                    throw new ProtocolError(400, "unsupported-operation", "CIMOperation must be MethodCall");
                }
                CimRequest request = CimRequest.parse(body);
                String named = header(exchange, "CIMMethod");
                if (named == null || !named.equals(request.method())) {
                    throw new ProtocolError(400, "header-mismatch", "CIMMethod " + named + " but the body calls "
                            + request.method());
                }
                String object = header(exchange, "CIMObject");
                if (object == null || !URLDecoder.decode(object, StandardCharsets.UTF_8).equalsIgnoreCase(request.namespace())) {
                    throw new ProtocolError(400, "header-mismatch", "CIMObject " + object + " but the body names "
                            + request.namespace());
                }
                String returnValue;
                try {
                    returnValue = operations.execute(request, host(exchange));
                } catch (CimError e) {
                    returnValue = CimXml.error(e);
                }
                exchange.getResponseHeaders().set("CIMOperation", "MethodResponse");
                send(exchange, 200, "application/xml; charset=\"utf-8\"",
                        CimXml.response(request.messageId(), request.method(), returnValue));
            } catch (ProtocolError e) {
                exchange.getResponseHeaders().set("CIMError", e.cimError());
                send(exchange, e.status(), "text/plain", e.getMessage() + "\n");
            }
        }
    }

    private static boolean authenticated(HttpExchange exchange, CimLogin login) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        return colon > 0 && login.allows(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    /** The body, refused (413) beyond {@code max} bytes, before reading it when its length says so. */
    private static byte[] body(HttpExchange exchange, int max) throws IOException, ProtocolError {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > max) {
                    throw new ProtocolError(413, "request-not-valid", "the request exceeds " + max + " bytes");
                }
            } catch (NumberFormatException e) {
                throw new ProtocolError(400, "request-not-valid", "bad Content-Length " + length);
            }
        }
        InputStream in = exchange.getRequestBody();
        byte[] body = in.readNBytes(max + 1);
        if (body.length > max) {
            throw new ProtocolError(413, "request-not-valid", "the request exceeds " + max + " bytes");
        }
        return body;
    }

    /** A CIM header, also as an M-POST sends it (with a namespace prefix such as {@code 73-CIMOperation}). */
    private static String header(HttpExchange exchange, String name) {
        String plain = exchange.getRequestHeaders().getFirst(name);
        if (plain != null) {
            return plain.trim();
        }
        return exchange.getRequestHeaders().entrySet().stream()
                .filter(e -> e.getKey().matches("(?i)\\d\\d-" + name)).map(e -> e.getValue().get(0).trim())
                .findFirst().orElse(null);
    }

    private static String host(HttpExchange exchange) {
        String host = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Host")).orElse("localhost");
        return host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.replaceFirst(":\\d+$", "");
    }

    private static void send(HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static SSLContext tls(CimSettings settings) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(settings.keystore().orElseThrow())) {
            store.load(in, settings.keystorePassword().toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, settings.keystorePassword().toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }
}

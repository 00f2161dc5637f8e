import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The REST API's figures against a running Basket (scripts/bench-rest.sh starts one):
 *   status URL USER:PASSWORD THREADS SECONDS   GET /api/status as fast as THREADS clients can, for SECONDS
 *   events URL USER:PASSWORD COUNT             reads the event stream until COUNT events came; per event, the time from
 *                                              its entry in the control loop (its "time") to its arrival here
 */
public final class BenchRest {
    private static final Pattern TIME = Pattern.compile("\"time\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString(args[2].getBytes(StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        if (args[0].equals("status")) {
            status(http, args[1], auth, Integer.parseInt(args[3]), Integer.parseInt(args[4]));
        } else {
            events(http, args[1], auth, Integer.parseInt(args[3]));
        }
    }

    private static void status(HttpClient http, String url, String auth, int threads, int seconds) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/status")).header("Authorization", auth).build();
        HttpResponse<byte[]> first = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        System.out.printf("GET /api/status: HTTP %d, %,d bytes%n", first.statusCode(), first.body().length);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong done = new AtomicLong();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread client = new Thread(() -> {
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (r.statusCode() != 200) {
                            throw new IllegalStateException("HTTP " + r.statusCode());
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    latencies.add(System.nanoTime() - start);
                    done.incrementAndGet();
                }
            });
            client.start();
            clients.add(client);
        }
        for (Thread client : clients) {
            client.join();
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("%d client(s), %d s: %,d requests, %.1f requests/s, latency median %.1f ms, p99 %.1f ms%n",
                threads, seconds, done.get(), done.get() / (double) seconds, sorted.get(sorted.size() / 2) / 1e6,
                sorted.get(sorted.size() * 99 / 100) / 1e6);
    }

    private static void events(HttpClient http, String url, String auth, int count) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/events/stream")).header("Authorization", auth)
                .header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        System.out.println("stream open: HTTP " + response.statusCode() + "; waiting for " + count + " events");
        List<Long> micros = new ArrayList<>();
        for (String line : (Iterable<String>) response.body()::iterator) {
            Matcher m = line.startsWith("data: ") ? TIME.matcher(line) : null;
            if (m != null && m.find()) {
                micros.add(Duration.between(Instant.parse(m.group(1)), Instant.now()).toNanos() / 1000);
                if (micros.size() == count) {
                    break;
                }
            }
        }
        Collections.sort(micros);
        System.out.printf("%d events, control loop -> SSE client: median %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                micros.size(), micros.get(micros.size() / 2) / 1e3, micros.get(micros.size() * 9 / 10) / 1e3,
                micros.get(micros.size() * 99 / 100) / 1e3, micros.get(micros.size() - 1) / 1e3);
        System.exit(0);
    }
}

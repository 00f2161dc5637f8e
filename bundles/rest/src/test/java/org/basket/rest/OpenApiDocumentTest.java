package org.basket.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The OpenAPI document names exactly the endpoints the resource classes serve, with the role each needs. */
class OpenApiDocumentTest {
    static final List<Class<?>> RESOURCES = List.of(ClusterResource.class, AnalysisResource.class,
            OperationsResource.class, AgentsResource.class, EventStreamResource.class, OpenApiResource.class,
            VmsResource.class, SitesResource.class);

    /** "GET /hosts/{host}/impact" -> "viewer", from the classes' annotations. */
    static Map<String, String> served() {
        Map<String, String> endpoints = new TreeMap<>();
        for (Class<?> type : RESOURCES) {
            String base = type.getAnnotation(Path.class).value();
            for (Method method : type.getMethods()) {
                String verb = method.isAnnotationPresent(GET.class) ? "GET" : method.isAnnotationPresent(POST.class)
                        ? "POST" : null;
                if (verb == null) {
                    continue;
                }
                Path path = method.getAnnotation(Path.class);
                String full = ("/" + base + "/" + (path == null ? "" : path.value())).replaceAll("/+", "/");
                full = full.length() > 1 && full.endsWith("/") ? full.substring(0, full.length() - 1) : full;
                Needs needs = method.getAnnotation(Needs.class);
                endpoints.put(verb + " " + full, (needs == null ? Role.VIEWER : needs.value()).written());
            }
        }
        return endpoints;
    }

    static Map<String, String> documented() throws IOException {
        Map<String, String> endpoints = new TreeMap<>();
        try (InputStream in = OpenApiResource.class.getResourceAsStream(OpenApiResource.DOCUMENT)) {
            JsonNode paths = JsonWriter.MAPPER.readTree(in).get("paths");
            paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> endpoints.put(
                    op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), op.getValue().get("x-basket-role").asText())));
        }
        return endpoints;
    }

    @Test
    void everyEndpointIsDocumentedWithItsRoleAndNothingElseIs() throws IOException {
        assertEquals(served(), documented());
    }

    @Test
    void theCommandsOfTheShellAllHaveAnEndpoint() {
        assertEquals(25, served().size(), () -> String.join("\n", served().keySet()));
    }
}

package org.basket.rest;

import java.io.IOException;
import java.io.InputStream;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

/** GET /api/openapi.json: the API's OpenAPI 3 document (checked against the endpoints by OpenApiDocumentTest and RestIT). */
@Path("/openapi.json")
public final class OpenApiResource {
    static final String DOCUMENT = "/api/openapi.json";

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public byte[] document() throws IOException {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is missing from the bundle");
            }
            return in.readAllBytes();
        }
    }
}

package dev.floorgate.gateway.internal;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.yml}: the LAN API's OpenAPI document, lan-api's resource as it is (the one
 * {@code OpenApiSchemaTest} keeps equal to the types and {@code OpenApiLiveTest} to this server's answers). No
 * token needed; served on the plain port too, like {@code /health}.
 */
@Controller
final class OpenApiController {
    /** Where lan-api keeps the document. */
    static final String RESOURCE = "dev/floorgate/lan/openapi.yml";
    static final MediaType YAML = MediaType.of("application/yaml");

    private final byte[] document;

    OpenApiController() {
        this.document = load();
    }

    @Get(value = "/openapi.yml", produces = "application/yaml")
    HttpResponse<byte[]> openApi() {
        return HttpResponse.ok(document).contentType(YAML);
    }

    private static byte[] load() {
        try (InputStream in = OpenApiController.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the LAN API document " + RESOURCE + " is not on the class path "
                        + "(lan-api missing from the gateway's jar?)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the LAN API document " + RESOURCE + " failed", e);
        }
    }
}

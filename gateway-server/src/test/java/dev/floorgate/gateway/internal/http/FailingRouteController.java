package dev.floorgate.gateway.internal.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * A route that fails the way a bug does, for {@link UnexpectedErrorBodyTest}: an exception no handler refuses
 * with a code, whose message is full of what must not reach a client. Exists only where a test sets
 * {@code fg.test.failing-route}.
 */
@Controller("/test-only")
@Requires(property = "fg.test.failing-route", value = "true")
final class FailingRouteController {
    static final String LEAKY_MESSAGE = "boom in /work/floorgate/gateway-server/src/Secret.java"
            + " at dev.floorgate.gateway.internal.Secret.run(Secret.java:42)";

    @Get("/fail")
    String fail() {
        throw new IllegalStateException(LEAKY_MESSAGE, new java.io.IOException("sqlite cause /var/lib/floorgate"));
    }
}

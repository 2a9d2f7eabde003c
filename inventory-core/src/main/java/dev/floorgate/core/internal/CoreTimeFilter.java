package dev.floorgate.core.internal;

import dev.floorgate.protocol.SignedHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Puts the core's clock on every answer, refusals included ({@code X-FG-Core-Time}, epoch milliseconds, the same
 * clock the signature window is checked against). A gateway whose own clock is off measures its offset from it and
 * signs in core time, so the strict window stays strict and a skewed site keeps syncing (DESIGN.md, "Wrong
 * clocks"). The header tells nothing secret: the {@code Date} header already says the same to the second.
 */
@ServerFilter("/**")
final class CoreTimeFilter {
    @ResponseFilter
    void coreTime(MutableHttpResponse<?> response) {
        response.header(SignedHeaders.CORE_TIME, Long.toString(System.currentTimeMillis()));
    }
}

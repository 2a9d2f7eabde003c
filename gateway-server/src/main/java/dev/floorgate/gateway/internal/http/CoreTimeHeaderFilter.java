package dev.floorgate.gateway.internal.http;

import dev.floorgate.gateway.internal.clock.SiteClocks;
import dev.floorgate.protocol.SignedHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Every answer of the gateway says core time as the gateway knows it ({@code X-FG-Core-Time}, epoch ms: its own
 * clock corrected by its measured offset), so that the picker app and the Android app can tell their user that
 * their clock is off (API.md; DESIGN.md "Wrong clocks").
 */
@ServerFilter("/**")
final class CoreTimeHeaderFilter {
    private final SiteClocks clocks;

    CoreTimeHeaderFilter(SiteClocks clocks) {
        this.clocks = clocks;
    }

    @ResponseFilter
    void coreTime(MutableHttpResponse<?> response) {
        response.header(SignedHeaders.CORE_TIME, Long.toString(clocks.coreNow().toEpochMilli()));
    }
}

package dev.floorgate.core.internal;

import dev.floorgate.protocol.RequestSigner;
import dev.floorgate.protocol.SignedHeaders;
import java.util.Map;

/** Re-signs captured headers with another timestamp (a correctly signed but stale request). */
final class RequestSignerAccess {
    private RequestSignerAccess() {
    }

    static void restamp(Map<String, String> headers, long timestamp, byte[] body) {
        Map<String, String> fresh = new RequestSigner("gw-acme", "acme-secret-0123456789")
                .headers("POST", "/v1/operations:batch", body, timestamp, headers.get(SignedHeaders.NONCE));
        headers.putAll(fresh);
    }
}
